package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.*;

/** Placeholder until the kernel lands. */
final class VectorPool2d implements Pool2dKernel {
  @Override
  public void maxForward(ConvGeometry g, float[] x, float[] y) {
    throw new UnsupportedOperationException("VectorPool2d");
  }

  @Override
  public void maxBackward(ConvGeometry g, float[] x, float[] dy, float[] dx) {
    throw new UnsupportedOperationException("VectorPool2d");
  }

  @Override
  public void avgForward(ConvGeometry g, float[] x, float[] y) {
    throw new UnsupportedOperationException("VectorPool2d");
  }

  @Override
  public void avgBackward(ConvGeometry g, float[] dy, float[] dx) {
    throw new UnsupportedOperationException("VectorPool2d");
  }
}
