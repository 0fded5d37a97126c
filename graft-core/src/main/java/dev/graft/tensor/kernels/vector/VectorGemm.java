package dev.graft.tensor.kernels.vector;

import static dev.graft.tensor.kernels.vector.GemmMicroKernel.MR;
import static dev.graft.tensor.kernels.vector.GemmMicroKernel.NR;

import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.Parallel;
import dev.graft.tensor.kernels.ScalarGemm;
import java.util.Arrays;

/**
 * Vector-API GEMM. Picks a path by shape: the scalar loop for tiny products, dot products when C
 * has very few columns, row-times-matrix when it has very few rows, and otherwise the packed,
 * cache-blocked, register-tiled kernel ({@link BlockedGemm}). Threads split the larger of M and N
 * in whole tiles, so each C element is computed by one thread in a fixed order: results are the
 * same on every run with the same thread count.
 */
final class VectorGemm implements Gemm {
  /** Below this many multiply-adds, packing and vector set-up cost more than they save. */
  private static final long TINY = 4096;

  /** The least multiply-adds worth handing to another thread. */
  private static final long MIN_WORK_PER_THREAD = 1L << 19;

  /** C narrower than this uses dot products; the blocked kernel would pad it to NR columns. */
  private static final int DOT_MAX_N = 8;

  /** C shorter than this uses the row path; the blocked kernel would pad it to MR rows. */
  private static final int AXPY_MAX_M = 4;

  private final Gemm scalar = new ScalarGemm();

  @Override
  public void gemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int brs,
      int bcs,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    long work = (long) m * n * k;
    if (work <= TINY) {
      scalar.gemm(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
    } else if (n < DOT_MAX_N && acs == 1) {
      dotPath(m, n, k, a, aOff, ars, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
    } else if (m < AXPY_MAX_M && bcs == 1) {
      int len = GemmMicroKernel.S.length();
      int chunks = (n + len - 1) / len;
      Parallel.forRange(
          chunks,
          minChunk(work, chunks),
          (s, e) ->
              SmallGemm.axpyColumns(
                  s * len,
                  Math.min(e * len, n),
                  m,
                  k,
                  a,
                  aOff,
                  ars,
                  acs,
                  b,
                  bOff,
                  brs,
                  c,
                  cOff,
                  ldc,
                  accumulate));
    } else {
      blockedPath(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
    }
  }

  private static void dotPath(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int ars,
      float[] b,
      int bOff,
      int brs,
      int bcs,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    float[] cols = b;
    int colsOff = bOff;
    int colStride = bcs;
    if (brs != 1) {
      // Gather the few columns of B once so that every dot product reads contiguous memory.
      cols = new float[n * k];
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          cols[j * k + p] = b[bOff + p * brs + j * bcs];
        }
      }
      colsOff = 0;
      colStride = k;
    }
    float[] bc = cols;
    int bco = colsOff;
    int bst = colStride;
    Parallel.forRange(
        m,
        minChunk((long) m * n * k, m),
        (s, e) ->
            SmallGemm.dotRows(s, e, n, k, a, aOff, ars, bc, bco, bst, c, cOff, ldc, accumulate));
  }

  private static void blockedPath(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int brs,
      int bcs,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    long work = (long) m * n * k;
    int mTiles = (m + MR - 1) / MR;
    int nTiles = (n + NR - 1) / NR;
    // Each thread packs all of the operand along the dimension it does not split, so split the
    // larger dimension: the duplicated packing is then the smaller one.
    if (m >= n || nTiles < 2) {
      Parallel.forRange(
          mTiles,
          minChunk(work, mTiles),
          (s, e) -> {
            int r0 = s * MR;
            int r1 = Math.min(e * MR, m);
            BlockedGemm.gemm(
                r1 - r0,
                n,
                k,
                a,
                aOff + r0 * ars,
                ars,
                acs,
                b,
                bOff,
                brs,
                bcs,
                c,
                cOff + r0 * ldc,
                ldc,
                accumulate);
          });
    } else {
      Parallel.forRange(
          nTiles,
          minChunk(work, nTiles),
          (s, e) -> {
            int j0 = s * NR;
            int j1 = Math.min(e * NR, n);
            BlockedGemm.gemm(
                m,
                j1 - j0,
                k,
                a,
                aOff,
                ars,
                acs,
                b,
                bOff + j0 * bcs,
                brs,
                bcs,
                c,
                cOff + j0,
                ldc,
                accumulate);
          });
    }
  }

  /** The fewest of {@code units} (rows, tiles) that carry enough work for a thread of its own. */
  private static int minChunk(long work, int units) {
    long perUnit = Math.max(1, work / units);
    return (int) Math.min(units, (MIN_WORK_PER_THREAD + perUnit - 1) / perUnit);
  }
}
