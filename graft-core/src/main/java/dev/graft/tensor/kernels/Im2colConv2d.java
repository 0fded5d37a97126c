package dev.graft.tensor.kernels;

/** Placeholder until the kernel lands. */
public final class Im2colConv2d implements Conv2dKernel {
  public Im2colConv2d(Gemm gemm) {}

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    throw new UnsupportedOperationException("Im2colConv2d");
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    throw new UnsupportedOperationException("Im2colConv2d");
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    throw new UnsupportedOperationException("Im2colConv2d");
  }
}
