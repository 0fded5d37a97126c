package dev.graft.tensor.kernels;

/** Triple-loop GEMM in i-p-j order: the reference the fast kernels are tested against. */
public final class ScalarGemm implements Gemm {
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
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      }
      for (int p = 0; p < k; p++) {
        float av = a[aOff + i * aRowStride + p * aColStride];
        int bp = bOff + p * bRowStride;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j * bColStride];
        }
      }
    }
  }
}
