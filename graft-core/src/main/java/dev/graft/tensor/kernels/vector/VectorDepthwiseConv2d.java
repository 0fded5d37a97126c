package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.*;

/** Placeholder until the kernel lands. */
final class VectorDepthwiseConv2d implements DepthwiseConv2dKernel {

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    throw new UnsupportedOperationException("VectorDepthwiseConv2d");
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    throw new UnsupportedOperationException("VectorDepthwiseConv2d");
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    throw new UnsupportedOperationException("VectorDepthwiseConv2d");
  }
}
