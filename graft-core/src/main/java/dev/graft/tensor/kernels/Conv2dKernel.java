package dev.graft.tensor.kernels;

/**
 * Dense 2-D convolution, NHWC input and kernel {@code (kH, kW, inC, outC)} as Keras stores it. All
 * arrays are contiguous; outputs are overwritten, not accumulated.
 */
public interface Conv2dKernel {
  void forward(ConvGeometry g, float[] x, float[] w, float[] y);

  void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx);

  void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw);
}
