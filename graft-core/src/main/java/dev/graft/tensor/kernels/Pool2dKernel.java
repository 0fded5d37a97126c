package dev.graft.tensor.kernels;

/**
 * Max and average pooling over NHWC windows ({@code outC == inC}). Average pooling divides by the
 * number of in-bounds elements (padding excluded, as TensorFlow does). Max pooling ignores padding;
 * its gradient goes to the first maximal element of each window. Outputs are overwritten.
 */
public interface Pool2dKernel {
  void maxForward(ConvGeometry g, float[] x, float[] y);

  void maxBackward(ConvGeometry g, float[] x, float[] dy, float[] dx);

  void avgForward(ConvGeometry g, float[] x, float[] y);

  void avgBackward(ConvGeometry g, float[] dy, float[] dx);
}
