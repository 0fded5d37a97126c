package dev.graft.tensor.kernels.vector;

import static dev.graft.tensor.kernels.vector.GemmMicroKernel.MR;
import static dev.graft.tensor.kernels.vector.GemmMicroKernel.NR;

/**
 * The cache-blocked GEMM of one thread, in the Goto/BLIS loop order: a {@code KC x NC} block of B
 * is packed once and shared by every A block; a {@code MC x KC} block of A (480 KB) stays in L2 and
 * one {@code KC x NR} micro-panel of B is reused across all its A micro-panels. KC is large
 * (measured on Zen 4: 768 beat 256 by 5-10 %): L2 feeds the kernel's few loads per FMA easily, and
 * each C tile is then loaded and stored fewer times.
 */
final class BlockedGemm {
  static final int KC = 768;
  static final int MC = MR * 16;
  static final int NC = NR * 32;

  /**
   * Packed buffers, one set per thread, reused across calls and grown on demand (at most 3.5 MB):
   * allocating them on every call would churn the heap for a layer's many small GEMMs. The worker
   * pool is fixed, so the number of sets is bounded by the pool plus the calling threads.
   */
  private static final class Buffers {
    float[] a = new float[0];
    float[] b = new float[0];
    final float[] tile = new float[MR * NR];

    Buffers ensure(int aSize, int bSize) {
      if (a.length < aSize) {
        a = new float[aSize];
      }
      if (b.length < bSize) {
        b = new float[bSize];
      }
      return this;
    }
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private BlockedGemm() {}

  /** {@code C (+)= A·B} on the calling thread; {@code k} must be positive. */
  static void gemm(
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
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      // Equal k blocks of at most KC: a large block amortises loading and storing the C tile,
      // and equal ones avoid a short last block.
      int kBlocks = (k + KC - 1) / KC;
      int kStep = (k + kBlocks - 1) / kBlocks;
      int panelsA = (Math.min(MC, m) + MR - 1) / MR;
      int panelsB = (nc + NR - 1) / NR;
      Buffers buf = BUFFERS.get().ensure(panelsA * MR * kStep, panelsB * NR * kStep);
      for (int pc = 0; pc < k; pc += kStep) {
        int kc = Math.min(kStep, k - pc);
        GemmPacking.packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, buf.b);
        // Every k block after the first adds to C, in the same order on every run.
        boolean add = accumulate || pc > 0;
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          GemmPacking.packA(a, aOff + ic * ars + pc * acs, ars, acs, mc, kc, buf.a);
          macroKernel(mc, nc, kc, buf, c, cOff + ic * ldc + jc, ldc, add);
        }
      }
    }
  }

  private static void macroKernel(
      int mc, int nc, int kc, Buffers buf, float[] c, int cOff, int ldc, boolean add) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int co = cOff + ir * ldc + jr;
        if (mr == MR && nr == NR) {
          GemmMicroKernel.tile(kc, buf.a, ir * kc, buf.b, jr * kc, c, co, ldc, add);
        } else {
          // Ragged edge: run the padded tile on a copy of the valid part, then copy that back.
          if (add) {
            copyTile(c, co, ldc, buf.tile, 0, NR, mr, nr);
          }
          GemmMicroKernel.tile(kc, buf.a, ir * kc, buf.b, jr * kc, buf.tile, 0, NR, add);
          copyTile(buf.tile, 0, NR, c, co, ldc, mr, nr);
        }
      }
    }
  }

  private static void copyTile(
      float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, srcOff + r * lds, dst, dstOff + r * ldd, cols);
    }
  }
}
