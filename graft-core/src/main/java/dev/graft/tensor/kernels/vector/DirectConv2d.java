package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct dense conv2d forward, vectorised along output channels. The Keras kernel {@code (kH, kW,
 * inC, outC)} has {@code outC} contiguous, so each input value {@code x[b, ih, iw, ci]} is
 * broadcast and multiplied by one contiguous row {@code w[kh, kw, ci, :]}. No patch matrix is
 * built, which is what makes it beat im2col + GEMM when {@code K = kH * kW * inC} is small (a GEMM
 * with K of 27 spends its time packing and writing C, and the patch copy is as large as the work).
 *
 * <p>Register block: {@link #PIXELS} neighbouring output pixels of one row times two channel
 * vectors, 12 accumulators, 2 weight vectors and one broadcast, under the ~20 live vectors JDK 17's
 * C2 handles well. Per (tap, input channel) that is 2 weight loads and 6 broadcasts for 12 FMAs.
 * When {@code outC} is not a multiple of two vectors, the last block overlaps the previous one
 * (identical arithmetic, so overlapping lanes get identical values); with fewer channels than one
 * vector the row falls back to scalar code.
 *
 * <p>Threads split the {@code batch * outH} output rows; every output is summed over {@code (kh,
 * kw, ci)} in that order from zero, so the result does not depend on the thread count.
 */
final class DirectConv2d {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int PIXELS = 6;

  private DirectConv2d() {}

  /** Floats per vector: the fewest output channels the vector path handles. */
  static int vectorLength() {
    return L;
  }

  static void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    int rows = g.batch() * g.outH();
    if (rows == 0 || g.outW() == 0 || g.outC() == 0) {
      return;
    }
    Parallel.forRange(
        rows,
        1,
        (s, e) -> {
          int k = g.kH() * g.kW() * g.inC();
          int[] xOff = new int[k];
          int[] wOff = new int[k];
          for (int row = s; row < e; row++) {
            if (g.outC() < L) {
              scalarRow(g, x, w, y, row);
            } else {
              vectorRow(g, x, w, y, row, xOff, wOff);
            }
          }
        });
  }

  /** First output column whose window starts inside the input. */
  private static int interiorStart(ConvGeometry g) {
    return Math.min(g.outW(), (g.padLeft() + g.strideW() - 1) / g.strideW());
  }

  /** One past the last output column whose window ends inside the input. */
  private static int interiorEnd(ConvGeometry g) {
    int span = (g.kW() - 1) * g.dilationW();
    int lastStart = g.inW() - 1 - span + g.padLeft();
    if (lastStart < 0) {
      return 0;
    }
    return Math.min(g.outW(), lastStart / g.strideW() + 1);
  }

  /**
   * Fills the flat tap list of output column {@code ow} of {@code row}: for each in-bounds {@code
   * (kh, kw, ci)}, in that order, the input index and the kernel row index. Returns its length. One
   * flat loop over this list keeps JDK 17's C2 from boxing the accumulators, which it does when
   * they are carried through nested tap loops.
   */
  private static int taps(ConvGeometry g, int row, int ow, boolean checkW, int[] xOff, int[] wOff) {
    int inC = g.inC();
    int outC = g.outC();
    int b = row / g.outH();
    int ih0 = (row % g.outH()) * g.strideH() - g.padTop();
    int iw0 = ow * g.strideW() - g.padLeft();
    int n = 0;
    for (int kh = 0; kh < g.kH(); kh++) {
      int ih = ih0 + kh * g.dilationH();
      if (ih < 0 || ih >= g.inH()) {
        continue;
      }
      int rowBase = (b * g.inH() + ih) * g.inW();
      for (int kw = 0; kw < g.kW(); kw++) {
        int iw = iw0 + kw * g.dilationW();
        if (checkW && (iw < 0 || iw >= g.inW())) {
          continue;
        }
        int xi = (rowBase + iw) * inC;
        int wi = (kh * g.kW() + kw) * inC * outC;
        for (int ci = 0; ci < inC; ci++, n++) {
          xOff[n] = xi + ci;
          wOff[n] = wi + ci * outC;
        }
      }
    }
    return n;
  }

  private static void vectorRow(
      ConvGeometry g, float[] x, float[] w, float[] y, int row, int[] xOff, int[] wOff) {
    int outC = g.outC();
    int outW = g.outW();
    int lo = interiorStart(g);
    int hi = Math.max(lo, interiorEnd(g));
    int px = g.strideW() * g.inC();
    int yRow = row * outW * outC;
    // Interior columns share one tap list, shifted by px per column.
    int n = lo + PIXELS <= hi ? taps(g, row, lo, false, xOff, wOff) : 0;
    for (int c0 = 0; c0 < outC; c0 += 2 * L) {
      // Two vectors at c and c2; with outC < 2L they overlap, else the last pair moves left.
      int c = outC < 2 * L ? 0 : Math.min(c0, outC - 2 * L);
      int c2 = outC < 2 * L ? outC - L : c + L;
      int ow = lo;
      for (; ow + PIXELS <= hi; ow += PIXELS) {
        block(x, w, y, xOff, wOff, n, (ow - lo) * px, px, yRow + ow * outC, outC, c, c2);
      }
      edges(g, x, w, y, row, 0, lo, c, c2);
      edges(g, x, w, y, row, ow, outW, c, c2);
    }
  }

  /** Output columns {@code [from, to)} one at a time, each with its own tap list. */
  private static void edges(
      ConvGeometry g, float[] x, float[] w, float[] y, int row, int from, int to, int c, int c2) {
    if (from >= to) {
      return;
    }
    int k = g.kH() * g.kW() * g.inC();
    int[] xOff = new int[k];
    int[] wOff = new int[k];
    for (int ow = from; ow < to; ow++) {
      int n = taps(g, row, ow, true, xOff, wOff);
      pixel(x, w, y, xOff, wOff, n, (row * g.outW() + ow) * g.outC(), c, c2);
    }
  }

  /**
   * {@link #PIXELS} output columns {@code px} input floats apart: tap {@code j} of column {@code p}
   * reads {@code x[xShift + xOff[j] + p * px]}; results go to {@code y[o + p * outC + (c | c2)]}.
   */
  private static void block(
      float[] x,
      float[] w,
      float[] y,
      int[] xOff,
      int[] wOff,
      int n,
      int xShift,
      int px,
      int o,
      int outC,
      int c,
      int c2) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector b2 = a0;
    FloatVector b3 = a0;
    FloatVector b4 = a0;
    FloatVector b5 = a0;
    for (int j = 0; j < n; j++) {
      int xi = xShift + xOff[j];
      int wi = wOff[j];
      FloatVector w0 = FloatVector.fromArray(S, w, wi + c);
      FloatVector w1 = FloatVector.fromArray(S, w, wi + c2);
      FloatVector v = FloatVector.broadcast(S, x[xi]);
      a0 = v.fma(w0, a0);
      b0 = v.fma(w1, b0);
      v = FloatVector.broadcast(S, x[xi + px]);
      a1 = v.fma(w0, a1);
      b1 = v.fma(w1, b1);
      v = FloatVector.broadcast(S, x[xi + 2 * px]);
      a2 = v.fma(w0, a2);
      b2 = v.fma(w1, b2);
      v = FloatVector.broadcast(S, x[xi + 3 * px]);
      a3 = v.fma(w0, a3);
      b3 = v.fma(w1, b3);
      v = FloatVector.broadcast(S, x[xi + 4 * px]);
      a4 = v.fma(w0, a4);
      b4 = v.fma(w1, b4);
      v = FloatVector.broadcast(S, x[xi + 5 * px]);
      a5 = v.fma(w0, a5);
      b5 = v.fma(w1, b5);
    }
    // Second vectors first: where they overlap the first ones the values are equal anyway.
    b0.intoArray(y, o + c2);
    a0.intoArray(y, o + c);
    o += outC;
    b1.intoArray(y, o + c2);
    a1.intoArray(y, o + c);
    o += outC;
    b2.intoArray(y, o + c2);
    a2.intoArray(y, o + c);
    o += outC;
    b3.intoArray(y, o + c2);
    a3.intoArray(y, o + c);
    o += outC;
    b4.intoArray(y, o + c2);
    a4.intoArray(y, o + c);
    o += outC;
    b5.intoArray(y, o + c2);
    a5.intoArray(y, o + c);
  }

  /** One output pixel, two channel vectors, over its own tap list. */
  private static void pixel(
      float[] x, float[] w, float[] y, int[] xOff, int[] wOff, int n, int o, int c, int c2) {
    FloatVector a = FloatVector.zero(S);
    FloatVector a2 = a;
    for (int j = 0; j < n; j++) {
      FloatVector v = FloatVector.broadcast(S, x[xOff[j]]);
      a = v.fma(FloatVector.fromArray(S, w, wOff[j] + c), a);
      a2 = v.fma(FloatVector.fromArray(S, w, wOff[j] + c2), a2);
    }
    a2.intoArray(y, o + c2);
    a.intoArray(y, o + c);
  }

  /** Fewer output channels than one vector: plain loops, same summation order. */
  private static void scalarRow(ConvGeometry g, float[] x, float[] w, float[] y, int row) {
    int inC = g.inC();
    int outC = g.outC();
    int b = row / g.outH();
    int ih0 = (row % g.outH()) * g.strideH() - g.padTop();
    float[] acc = new float[outC];
    for (int ow = 0; ow < g.outW(); ow++) {
      java.util.Arrays.fill(acc, 0f);
      int iw0 = ow * g.strideW() - g.padLeft();
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = ih0 + kh * g.dilationH();
        if (ih < 0 || ih >= g.inH()) {
          continue;
        }
        int rowBase = (b * g.inH() + ih) * g.inW();
        for (int kw = 0; kw < g.kW(); kw++) {
          int iw = iw0 + kw * g.dilationW();
          if (iw < 0 || iw >= g.inW()) {
            continue;
          }
          int xi = (rowBase + iw) * inC;
          int wi = (kh * g.kW() + kw) * inC * outC;
          for (int ci = 0; ci < inC; ci++, wi += outC) {
            float v = x[xi + ci];
            for (int f = 0; f < outC; f++) {
              acc[f] = Math.fma(v, w[wi + f], acc[f]);
            }
          }
        }
      }
      System.arraycopy(acc, 0, y, (row * g.outW() + ow) * outC, outC);
    }
  }
}
