package dev.graft.tensor.kernels;

/**
 * Depthwise 2-D convolution: NHWC input, kernel {@code (kH, kW, inC, depthMultiplier)}; output
 * channel {@code c * depthMultiplier + m} comes from input channel {@code c}.
 */
public interface DepthwiseConv2dKernel extends ConvKernel {}
