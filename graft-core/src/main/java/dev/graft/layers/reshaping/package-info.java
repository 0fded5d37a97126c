/**
 * Layers that move values without computing: {@link dev.graft.layers.reshaping.Flatten}, {@link
 * dev.graft.layers.reshaping.Reshape}, {@link dev.graft.layers.reshaping.ZeroPadding2D}, {@link
 * dev.graft.layers.reshaping.Cropping2D}. Images are channels-last: {@code (batch, height, width,
 * channels)}.
 */
package dev.graft.layers.reshaping;
