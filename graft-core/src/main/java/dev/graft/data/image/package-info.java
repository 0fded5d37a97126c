/**
 * Images for input pipelines: {@link dev.graft.data.image.ImageDecoder} (JPEG, PNG, BMP, GIF into
 * HWC float32), {@link dev.graft.data.image.ImageResize} ({@code tf.image.resize} semantics),
 * {@link dev.graft.data.image.ImageFiles} (Keras's folder indexing), {@link
 * dev.graft.data.image.ImageDatasets} (Keras's {@code image_dataset_from_directory}, configured by
 * {@link dev.graft.data.image.ImageDatasetOptions}) and {@link dev.graft.data.image.ImageGrid} (PNG
 * grids of images with their labels, to look at the data).
 */
package dev.graft.data.image;
