package dev.graft.tensor.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unpacked paths for shapes the blocked kernel would mostly pad: very few columns of C (dot
 * products along k, such as a classifier head) or very few rows (a row of A times B, vectorised
 * along the columns). Both run whole vectors then a scalar tail, with no masks.
 */
final class SmallGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private SmallGemm() {}

  /**
   * Rows {@code [i0, i1)} of C as dot products. A rows are contiguous ({@code aColStride == 1});
   * column {@code j} of B is contiguous at {@code bCols + j * bColStride}.
   */
  static void dotRows(
      int i0,
      int i1,
      int n,
      int k,
      float[] a,
      int aOff,
      int ars,
      float[] b,
      int bCols,
      int bColStride,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    for (int i = i0; i < i1; i++) {
      int ai = aOff + i * ars;
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        float d = dot(a, ai, b, bCols + j * bColStride, k);
        c[ci + j] = accumulate ? c[ci + j] + d : d;
      }
    }
  }

  private static float dot(float[] x, int xOff, float[] y, int yOff, int k) {
    int len = S.length();
    int bound4 = k - k % (4 * len);
    // Four accumulators hide the FMA latency.
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int p = 0;
    for (; p < bound4; p += 4 * len) {
      s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
      s1 =
          FloatVector.fromArray(S, x, xOff + p + len)
              .fma(FloatVector.fromArray(S, y, yOff + p + len), s1);
      s2 =
          FloatVector.fromArray(S, x, xOff + p + 2 * len)
              .fma(FloatVector.fromArray(S, y, yOff + p + 2 * len), s2);
      s3 =
          FloatVector.fromArray(S, x, xOff + p + 3 * len)
              .fma(FloatVector.fromArray(S, y, yOff + p + 3 * len), s3);
    }
    int bound = S.loopBound(k);
    for (; p < bound; p += len) {
      s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
    }
    float sum = Lanes.sum(s0.add(s1).add(s2.add(s3)));
    for (; p < k; p++) {
      sum = Math.fma(x[xOff + p], y[yOff + p], sum);
    }
    return sum;
  }

  /**
   * Columns {@code [j0, j1)} of every row of C as {@code C[i,:] += A[i,p] * B[p,:]} over p. B rows
   * are contiguous ({@code bColStride == 1}).
   */
  static void axpyColumns(
      int j0,
      int j1,
      int m,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int brs,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    int len = S.length();
    int bound = j0 + S.loopBound(j1 - j0);
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci + j0, ci + j1, 0f);
      }
      for (int p = 0; p < k; p++) {
        float av = a[aOff + i * ars + p * acs];
        FloatVector va = FloatVector.broadcast(S, av);
        int bp = bOff + p * brs;
        int j = j0;
        for (; j < bound; j += len) {
          va.fma(FloatVector.fromArray(S, b, bp + j), FloatVector.fromArray(S, c, ci + j))
              .intoArray(c, ci + j);
        }
        for (; j < j1; j++) {
          c[ci + j] = Math.fma(av, b[bp + j], c[ci + j]);
        }
      }
    }
  }
}
