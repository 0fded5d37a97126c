/**
 * Pooling layers on NHWC inputs: windowed ({@link dev.graft.layers.pooling.MaxPooling2D}, {@link
 * dev.graft.layers.pooling.AveragePooling2D}) and global ({@link
 * dev.graft.layers.pooling.GlobalAveragePooling2D}, {@link
 * dev.graft.layers.pooling.GlobalMaxPooling2D}).
 */
package dev.graft.layers.pooling;
