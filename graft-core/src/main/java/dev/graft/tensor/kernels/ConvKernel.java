package dev.graft.tensor.kernels;

/**
 * The three kernels of a convolution: forward, gradient with respect to the input, gradient with
 * respect to the kernel. All arrays are contiguous; outputs are overwritten, not accumulated.
 */
public interface ConvKernel {
  void forward(ConvGeometry g, float[] x, float[] w, float[] y);

  void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx);

  void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw);
}
