package dev.graft.tensor.kernels;

/** Dense 2-D convolution: NHWC input, kernel {@code (kH, kW, inC, outC)} as Keras stores it. */
public interface Conv2dKernel extends ConvKernel {}
