package dev.graft.tensor.kernels;

/**
 * Single-precision matrix multiply, {@code C = A·B} or {@code C += A·B}.
 *
 * <p>A is {@code m x k} and B is {@code k x n}, each addressed through a row stride and a column
 * stride, so a transposed operand is just swapped strides and needs no copy. C is row-major with
 * leading dimension {@code ldc}. Kernels assume valid arguments; the op layer validates.
 */
public interface Gemm {
  void gemm(
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
      boolean accumulate);
}
