package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.ScalarGemm;

/** Placeholder until the kernel lands. */
final class VectorGemm implements Gemm {
  private final Gemm delegate = new ScalarGemm();

  @Override
  public void gemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    delegate.gemm(
        m,
        n,
        k,
        a,
        aOff,
        aRowStride,
        aColStride,
        b,
        bOff,
        bRowStride,
        bColStride,
        c,
        cOff,
        ldc,
        accumulate);
  }
}
