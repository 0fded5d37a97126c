package dev.graft.tensor.kernels.vector;

import static dev.graft.tensor.kernels.vector.GemmMicroKernel.MR;
import static dev.graft.tensor.kernels.vector.GemmMicroKernel.NR;

import java.util.Arrays;

/**
 * Copies blocks of A and B into the contiguous micro-panel layout {@link GemmMicroKernel} reads.
 * Packing reads through both strides, so a transposed operand costs the same as a plain one, and
 * pads ragged panels with zeros, so the micro-kernel never needs a mask.
 */
final class GemmPacking {
  private GemmPacking() {}

  /**
   * Packs the {@code mc x kc} block of A at {@code aOff} into {@code ceil(mc / MR)} micro-panels of
   * {@code kc * MR} floats: for each k step, MR consecutive row values.
   */
  static void packA(float[] a, int aOff, int rs, int cs, int mc, int kc, float[] dst) {
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int mr = Math.min(MR, mc - i0);
      int d = i0 * kc;
      if (mr < MR) {
        Arrays.fill(dst, d, d + kc * MR, 0f);
      }
      int src = aOff + i0 * rs;
      if (cs == 1) {
        // Row-major A: read each row contiguously.
        for (int r = 0; r < mr; r++) {
          int s = src + r * rs;
          for (int p = 0; p < kc; p++) {
            dst[d + p * MR + r] = a[s + p];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int s = src + p * cs;
          int dp = d + p * MR;
          for (int r = 0; r < mr; r++) {
            dst[dp + r] = a[s + r * rs];
          }
        }
      }
    }
  }

  /**
   * Packs the {@code kc x nc} block of B at {@code bOff} into {@code ceil(nc / NR)} micro-panels of
   * {@code kc * NR} floats: for each k step, NR consecutive column values.
   */
  static void packB(float[] b, int bOff, int rs, int cs, int kc, int nc, float[] dst) {
    for (int j0 = 0; j0 < nc; j0 += NR) {
      int nr = Math.min(NR, nc - j0);
      int d = j0 * kc;
      if (nr < NR) {
        Arrays.fill(dst, d, d + kc * NR, 0f);
      }
      int src = bOff + j0 * cs;
      if (cs == 1) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, src + p * rs, dst, d + p * NR, nr);
        }
      } else {
        // Transposed B: read each column contiguously when rs == 1.
        for (int j = 0; j < nr; j++) {
          int s = src + j * cs;
          for (int p = 0; p < kc; p++) {
            dst[d + p * NR + j] = b[s + p * rs];
          }
        }
      }
    }
  }
}
