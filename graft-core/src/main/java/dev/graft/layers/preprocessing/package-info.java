/**
 * Preprocessing and augmentation layers that run inside a model: {@link
 * dev.graft.layers.preprocessing.Rescaling}, {@link dev.graft.layers.preprocessing.Normalization},
 * and the random image layers ({@link dev.graft.layers.preprocessing.RandomFlip}, {@link
 * dev.graft.layers.preprocessing.RandomRotation}, {@link
 * dev.graft.layers.preprocessing.RandomZoom}, {@link
 * dev.graft.layers.preprocessing.RandomTranslation}, {@link
 * dev.graft.layers.preprocessing.RandomCrop}, {@link
 * dev.graft.layers.preprocessing.RandomContrast}, {@link
 * dev.graft.layers.preprocessing.RandomBrightness}), which act only when called with {@code
 * training = true}, draw fresh values per image from their own seeded generator, and work on NHWC
 * batches or single HWC images.
 */
package dev.graft.layers.preprocessing;
