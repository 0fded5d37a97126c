/**
 * Convolution layers on NHWC inputs: {@link dev.graft.layers.conv.Conv2D}, {@link
 * dev.graft.layers.conv.DepthwiseConv2D}, {@link dev.graft.layers.conv.SeparableConv2D}, with
 * Keras's weight names, shapes and order.
 */
package dev.graft.layers.conv;
