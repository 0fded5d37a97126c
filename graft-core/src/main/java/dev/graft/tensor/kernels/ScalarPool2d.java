package dev.graft.tensor.kernels;

/** Placeholder until the kernel lands. */
public final class ScalarPool2d implements Pool2dKernel {
  @Override
  public void maxForward(ConvGeometry g, float[] x, float[] y) {
    throw new UnsupportedOperationException("ScalarPool2d");
  }

  @Override
  public void maxBackward(ConvGeometry g, float[] x, float[] dy, float[] dx) {
    throw new UnsupportedOperationException("ScalarPool2d");
  }

  @Override
  public void avgForward(ConvGeometry g, float[] x, float[] y) {
    throw new UnsupportedOperationException("ScalarPool2d");
  }

  @Override
  public void avgBackward(ConvGeometry g, float[] dy, float[] dx) {
    throw new UnsupportedOperationException("ScalarPool2d");
  }
}
