package dev.graft.tensor.kernels;

/**
 * Depthwise 2-D convolution, NHWC input and kernel {@code (kH, kW, inC, depthMultiplier)}; output
 * channel {@code c * depthMultiplier + m} comes from input channel {@code c}. All arrays are
 * contiguous; outputs are overwritten.
 */
public interface DepthwiseConv2dKernel {
  void forward(ConvGeometry g, float[] x, float[] w, float[] y);

  void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx);

  void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw);
}
