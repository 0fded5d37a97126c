package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise 3x3 forward, dilation 1, multiplier 1, any stride: the Xception and MobileNet case. For
 * each block of channels the nine weight vectors stay in registers while the block sweeps one
 * output row, so each output vector costs nine input loads and nine FMAs and nothing else. Rows
 * whose window leaves the input at the top or bottom are left to the general kernel.
 */
final class Depthwise3x3 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Depthwise3x3() {}

  /**
   * Whether this kernel handles {@code g}: every output column's window must be whole or lose
   * exactly one column on the left or right (any "same" or "valid" 3x3 on an input at least two
   * wide).
   */
  static boolean applies(ConvGeometry g) {
    if (g.kH() != 3 || g.kW() != 3 || g.dilationH() != 1 || g.dilationW() != 1) {
      return false;
    }
    if (g.outC() != g.inC() || g.inC() < L || g.inW() < 2 || g.outW() == 0) {
      return false;
    }
    int first = -g.padLeft();
    int last = (g.outW() - 1) * g.strideW() - g.padLeft();
    return first >= -1 && last + 2 <= g.inW();
  }

  /** Whether output row {@code oh} has its whole window inside the input's rows. */
  static boolean rowInside(ConvGeometry g, int oh) {
    int ih0 = oh * g.strideH() - g.padTop();
    return ih0 >= 0 && ih0 + 2 < g.inH();
  }

  /** Output row {@code row = b * outH + oh}; requires {@link #rowInside}. */
  static void forwardRow(ConvGeometry g, float[] x, float[] w, float[] y, int row) {
    int ch = g.inC();
    int outW = g.outW();
    int ih0 = (row % g.outH()) * g.strideH() - g.padTop();
    int r1 = g.inW() * ch;
    int r2 = 2 * r1;
    int step = g.strideW() * ch;
    // Input index of output column 0's window start; may point one pixel before the row.
    int x0 = (((row / g.outH()) * g.inH() + ih0) * g.inW() - g.padLeft()) * ch;
    int y0 = row * outW * ch;
    boolean leftCut = g.padLeft() == 1;
    boolean rightCut = (outW - 1) * g.strideW() - g.padLeft() + 2 == g.inW();
    int owEnd = rightCut ? outW - 1 : outW;
    int quadEnd = g.strideW() == 1 ? owEnd - 3 : 0;
    for (int c0 = 0; c0 < ch; c0 += L) {
      // The last block overlaps the previous one instead of taking a masked or scalar tail.
      int c = Math.min(c0, ch - L);
      FloatVector w00 = FloatVector.fromArray(S, w, c);
      FloatVector w01 = FloatVector.fromArray(S, w, ch + c);
      FloatVector w02 = FloatVector.fromArray(S, w, 2 * ch + c);
      FloatVector w10 = FloatVector.fromArray(S, w, 3 * ch + c);
      FloatVector w11 = FloatVector.fromArray(S, w, 4 * ch + c);
      FloatVector w12 = FloatVector.fromArray(S, w, 5 * ch + c);
      FloatVector w20 = FloatVector.fromArray(S, w, 6 * ch + c);
      FloatVector w21 = FloatVector.fromArray(S, w, 7 * ch + c);
      FloatVector w22 = FloatVector.fromArray(S, w, 8 * ch + c);
      int ow = 0;
      if (leftCut) {
        int i = x0 + c;
        FloatVector a = FloatVector.fromArray(S, x, i + ch).mul(w01);
        a = FloatVector.fromArray(S, x, i + 2 * ch).fma(w02, a);
        a = FloatVector.fromArray(S, x, i + r1 + ch).fma(w11, a);
        a = FloatVector.fromArray(S, x, i + r1 + 2 * ch).fma(w12, a);
        a = FloatVector.fromArray(S, x, i + r2 + ch).fma(w21, a);
        a = FloatVector.fromArray(S, x, i + r2 + 2 * ch).fma(w22, a);
        a.intoArray(y, y0 + c);
        ow = 1;
      }
      // Stride 1: four outputs share six input columns per row, 4.5 loads per output instead of 9;
      // 9 weights + 6 inputs + 4 sums stay under the ~20 live vectors JDK 17's C2 handles well.
      for (; ow < quadEnd; ow += 4) {
        int i = x0 + ow * ch + c;
        FloatVector v0 = FloatVector.fromArray(S, x, i);
        FloatVector v1 = FloatVector.fromArray(S, x, i + ch);
        FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * ch);
        FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * ch);
        FloatVector v4 = FloatVector.fromArray(S, x, i + 4 * ch);
        FloatVector v5 = FloatVector.fromArray(S, x, i + 5 * ch);
        FloatVector a0 = v2.fma(w02, v1.fma(w01, v0.mul(w00)));
        FloatVector a1 = v3.fma(w02, v2.fma(w01, v1.mul(w00)));
        FloatVector a2 = v4.fma(w02, v3.fma(w01, v2.mul(w00)));
        FloatVector a3 = v5.fma(w02, v4.fma(w01, v3.mul(w00)));
        i += r1;
        v0 = FloatVector.fromArray(S, x, i);
        v1 = FloatVector.fromArray(S, x, i + ch);
        v2 = FloatVector.fromArray(S, x, i + 2 * ch);
        v3 = FloatVector.fromArray(S, x, i + 3 * ch);
        v4 = FloatVector.fromArray(S, x, i + 4 * ch);
        v5 = FloatVector.fromArray(S, x, i + 5 * ch);
        a0 = v2.fma(w12, v1.fma(w11, v0.fma(w10, a0)));
        a1 = v3.fma(w12, v2.fma(w11, v1.fma(w10, a1)));
        a2 = v4.fma(w12, v3.fma(w11, v2.fma(w10, a2)));
        a3 = v5.fma(w12, v4.fma(w11, v3.fma(w10, a3)));
        i += r1;
        v0 = FloatVector.fromArray(S, x, i);
        v1 = FloatVector.fromArray(S, x, i + ch);
        v2 = FloatVector.fromArray(S, x, i + 2 * ch);
        v3 = FloatVector.fromArray(S, x, i + 3 * ch);
        v4 = FloatVector.fromArray(S, x, i + 4 * ch);
        v5 = FloatVector.fromArray(S, x, i + 5 * ch);
        int o = y0 + ow * ch + c;
        v2.fma(w22, v1.fma(w21, v0.fma(w20, a0))).intoArray(y, o);
        v3.fma(w22, v2.fma(w21, v1.fma(w20, a1))).intoArray(y, o + ch);
        v4.fma(w22, v3.fma(w21, v2.fma(w20, a2))).intoArray(y, o + 2 * ch);
        v5.fma(w22, v4.fma(w21, v3.fma(w20, a3))).intoArray(y, o + 3 * ch);
      }
      for (; ow < owEnd; ow++) {
        int i = x0 + ow * step + c;
        FloatVector a = FloatVector.fromArray(S, x, i).mul(w00);
        a = FloatVector.fromArray(S, x, i + ch).fma(w01, a);
        a = FloatVector.fromArray(S, x, i + 2 * ch).fma(w02, a);
        a = FloatVector.fromArray(S, x, i + r1).fma(w10, a);
        a = FloatVector.fromArray(S, x, i + r1 + ch).fma(w11, a);
        a = FloatVector.fromArray(S, x, i + r1 + 2 * ch).fma(w12, a);
        a = FloatVector.fromArray(S, x, i + r2).fma(w20, a);
        a = FloatVector.fromArray(S, x, i + r2 + ch).fma(w21, a);
        a = FloatVector.fromArray(S, x, i + r2 + 2 * ch).fma(w22, a);
        a.intoArray(y, y0 + ow * ch + c);
      }
      if (rightCut) {
        int i = x0 + owEnd * step + c;
        FloatVector a = FloatVector.fromArray(S, x, i).mul(w00);
        a = FloatVector.fromArray(S, x, i + ch).fma(w01, a);
        a = FloatVector.fromArray(S, x, i + r1).fma(w10, a);
        a = FloatVector.fromArray(S, x, i + r1 + ch).fma(w11, a);
        a = FloatVector.fromArray(S, x, i + r2).fma(w20, a);
        a = FloatVector.fromArray(S, x, i + r2 + ch).fma(w21, a);
        a.intoArray(y, y0 + owEnd * ch + c);
      }
    }
  }
}
