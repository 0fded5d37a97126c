package dev.graft.tensor.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.ScalarGemm;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector-API GEMM against the scalar reference on awkward sizes, strides and offsets. Every
 * path is reached: tiny (scalar), few columns (dot products), few rows (row times B), and the
 * blocked kernel with ragged edges and several K, M and N blocks.
 */
class VectorGemmTest {
  private static final int[] SIZES = {1, 2, 3, 7, 13, 16, 17, 31, 33, 64, 100, 257, 300};
  private static Gemm vector;
  private final Gemm scalar = new ScalarGemm();

  @BeforeAll
  static void vectorModule() {
    assumeTrue(KernelProvider.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    vector = KernelProvider.vector().gemm();
  }

  @Test
  void matchesScalarOnAwkwardSizes() {
    Random rnd = new Random(2024);
    // All m x n pairs with a k that cycles through the sizes, so every k also meets every path.
    int t = 0;
    for (int m : SIZES) {
      for (int n : SIZES) {
        int k = SIZES[(t * 5) % SIZES.length];
        check(rnd, m, n, k, t % 2 == 1, (t / 2) % 2 == 1, (t / 4) % 2 == 1);
        t++;
      }
    }
  }

  @Test
  void matchesScalarForEveryStrideLayout() {
    Random rnd = new Random(11);
    int[][] shapes = {{17, 33, 13}, {100, 31, 257}, {3, 300, 64}, {257, 7, 100}, {64, 64, 300}};
    for (int[] s : shapes) {
      for (int layout = 0; layout < 8; layout++) {
        check(rnd, s[0], s[1], s[2], (layout & 1) != 0, (layout & 2) != 0, (layout & 4) != 0);
      }
    }
  }

  @Test
  void spansSeveralCacheBlocks() {
    // K beyond KC, M beyond MC and N beyond NC, each with a ragged last block.
    Random rnd = new Random(5);
    int m = BlockedGemm.MC + 13;
    int n = BlockedGemm.NC + 17;
    int k = BlockedGemm.KC * 2 + 3;
    check(rnd, m, n, k, false, false, true);
    check(rnd, m, 40, k, true, true, false);
  }

  @Test
  void classifierHeadAndRowVector() {
    Random rnd = new Random(3);
    check(rnd, 32, 1, 2048, false, false, false);
    check(rnd, 32, 1, 2048, true, false, true);
    check(rnd, 1, 1000, 2048, false, false, false);
    check(rnd, 2, 3, 4096, false, true, true);
  }

  /**
   * Both tile heights against a naive product, whichever this machine's vectors select: the 10-row
   * tile runs on AVX-512 and the 6-row one elsewhere, and each must be right on both.
   */
  @Test
  void bothTileHeightsMatchANaiveProduct() {
    Random rnd = new Random(17);
    int nr = GemmMicroKernel.NR;
    for (int mr : new int[] {6, 10}) {
      for (int kc : new int[] {1, 3, 37}) {
        for (boolean add : new boolean[] {false, true}) {
          int ldc = nr + 3;
          float[] a = random(rnd, 2 + kc * mr);
          float[] b = random(rnd, 1 + kc * nr);
          float[] c = random(rnd, 4 + mr * ldc);
          float[] expected = c.clone();
          for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
              float sum = add ? c[4 + i * ldc + j] : 0f;
              for (int p = 0; p < kc; p++) {
                sum += a[2 + p * mr + i] * b[1 + p * nr + j];
              }
              expected[4 + i * ldc + j] = sum;
            }
          }
          if (mr == 6) {
            GemmMicroKernel.tile6(kc, a, 2, b, 1, c, 4, ldc, add);
          } else {
            GemmMicroKernel.tile10(kc, a, 2, b, 1, c, 4, ldc, add);
          }
          for (int i = 0; i < c.length; i++) {
            assertEquals(
                expected[i], c[i], 1e-5f * (kc + 4), mr + "-row tile, kc=" + kc + " @" + i);
          }
        }
      }
    }
  }

  @Test
  void zeroKZeroesOrKeepsC() {
    float[] c = {1, 2, 3, 4, 5, 6};
    vector.gemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 3, true);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c);
    vector.gemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 3, false);
    assertArrayEquals(new float[] {0, 0, 3, 0, 0, 6}, c);
  }

  @Test
  void repeatedCallsGiveIdenticalResults() {
    Random rnd = new Random(9);
    int m = 300;
    int n = 257;
    int k = 300;
    float[] a = random(rnd, m * k);
    float[] b = random(rnd, k * n);
    float[] c1 = new float[m * n];
    float[] c2 = new float[m * n];
    vector.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c1, 0, n, false);
    vector.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c2, 0, n, false);
    assertArrayEquals(c1, c2);
  }

  /**
   * Runs both kernels on the same random operands, stored with offsets, optionally transposed
   * (swapped strides) and with a C leading dimension larger than n, and compares all of C,
   * including the elements between rows that neither may touch.
   */
  private void check(
      Random rnd, int m, int n, int k, boolean transA, boolean transB, boolean accumulate) {
    int aOff = 1 + rnd.nextInt(5);
    int bOff = 1 + rnd.nextInt(5);
    int cOff = 1 + rnd.nextInt(5);
    int lda = k + 3;
    int ldb = n + 2;
    int ldc = n + 5;
    // A is m x k with row stride lda, or stored as k x m (row stride lda' = m + 3) if transposed.
    int aRows = transA ? k : m;
    int aLd = transA ? m + 3 : lda;
    int bRows = transB ? n : k;
    int bLd = transB ? k + 2 : ldb;
    float[] a = random(rnd, aOff + aRows * aLd);
    float[] b = random(rnd, bOff + bRows * bLd);
    int ars = transA ? 1 : aLd;
    int acs = transA ? aLd : 1;
    int brs = transB ? 1 : bLd;
    int bcs = transB ? bLd : 1;
    float[] expected = random(rnd, cOff + m * ldc + 3);
    float[] actual = expected.clone();
    scalar.gemm(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, expected, cOff, ldc, accumulate);
    vector.gemm(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, actual, cOff, ldc, accumulate);
    // Products of values in [-1, 1]: rounding error grows at most about linearly with k.
    float tol = 1e-5f * (k + 4);
    for (int i = 0; i < actual.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > tol || Float.isNaN(actual[i])) {
        String where =
            String.format(
                "%dx%dx%d transA=%b transB=%b accumulate=%b, element %d",
                m, n, k, transA, transB, accumulate, i);
        assertEquals(expected[i], actual[i], tol, where);
        fail(where + " is NaN");
      }
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
