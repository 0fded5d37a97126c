package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the reference GEMM against a naive dot-product loop written independently here. */
class ScalarGemmTest {
  @Test
  void matchesNaiveDotProductsWithStridesOffsetsAndAccumulate() {
    Random rnd = new Random(7);
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {13, 1, 17}, {16, 31, 2}, {33, 64, 9}};
    for (int[] s : shapes) {
      for (boolean transA : new boolean[] {false, true}) {
        for (boolean transB : new boolean[] {false, true}) {
          for (boolean accumulate : new boolean[] {false, true}) {
            check(rnd, s[0], s[1], s[2], transA, transB, accumulate);
          }
        }
      }
    }
  }

  private static void check(
      Random rnd, int m, int n, int k, boolean transA, boolean transB, boolean accumulate) {
    int aOff = 3;
    int bOff = 5;
    int cOff = 2;
    int ldc = n + 4;
    // A stored as m x k (row stride k) or, transposed, as k x m (row stride 1).
    float[] a = random(rnd, aOff + m * k);
    float[] b = random(rnd, bOff + k * n);
    int ars = transA ? 1 : k;
    int acs = transA ? m : 1;
    int brs = transB ? 1 : n;
    int bcs = transB ? k : 1;
    float[] c = random(rnd, cOff + m * ldc);
    float[] expected = c.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int p = 0; p < k; p++) {
          dot += (double) a[aOff + i * ars + p * acs] * b[bOff + p * brs + j * bcs];
        }
        int ci = cOff + i * ldc + j;
        expected[ci] = (float) (accumulate ? expected[ci] + dot : dot);
      }
    }
    new ScalarGemm().gemm(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          expected[i], c[i], 1e-5f * (k + 1), "element " + i + " of " + m + "x" + n + "x" + k);
    }
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = rnd.nextFloat() * 2 - 1;
    }
    return x;
  }
}
