package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.DepthwiseConv2dKernel;
import dev.graft.tensor.kernels.Parallel;
import dev.graft.tensor.kernels.ScalarDepthwiseConv2d;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise conv2d vectorised along channels (contiguous in NHWC), threads over output rows
 * (forward, filter gradient) or input rows (input gradient, written as a gather so rows never
 * race). Depth multiplier 1 with at least one vector of channels takes the vector path (3x3 forward
 * rows with the whole window inside the input's rows go to {@link Depthwise3x3}); other shapes go
 * to the threaded scalar kernel.
 *
 * <p>A channel count that is not a multiple of the vector length ends with a block that overlaps
 * the previous one: recomputing a few channels is cheaper than a scalar tail, and masked loads are
 * slow on JDK 17.
 */
final class VectorDepthwiseConv2d implements DepthwiseConv2dKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private final ScalarDepthwiseConv2d scalar = new ScalarDepthwiseConv2d();

  /** Keeps {@link #touch}'s loads alive; never read. */
  @SuppressWarnings("unused")
  private static volatile float sink;

  private static boolean vectorPath(ConvGeometry g) {
    return g.outC() == g.inC() && g.inC() >= L;
  }

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    if (!vectorPath(g)) {
      scalar.forward(g, x, w, y);
      return;
    }
    Axis cols = Axis.of(g.outW(), g.strideW(), g.padLeft(), g.dilationW(), g.kW(), g.inW());
    boolean fast = Depthwise3x3.applies(g);
    Parallel.forRange(
        g.batch() * g.outH(),
        1,
        (s, e) -> {
          int[] xOff = new int[g.kH() * g.kW()];
          int[] wOff = new int[g.kH() * g.kW()];
          int touched = 0;
          for (int row = s; row < e; row++) {
            touched = touchWindow(g, x, row, touched);
            if (fast && Depthwise3x3.rowInside(g, row % g.outH())) {
              Depthwise3x3.forwardRow(g, x, w, y, row);
            } else {
              forwardRow(g, x, w, y, row, cols, xOff, wOff);
            }
          }
        });
  }

  /**
   * Touches the input rows in output row {@code row}'s window from index {@code touched} on, and
   * returns the new high-water index: each thread streams every input row in once, just before its
   * first use.
   */
  private static int touchWindow(ConvGeometry g, float[] x, int row, int touched) {
    int ih0 = (row % g.outH()) * g.strideH() - g.padTop();
    int lo = Math.max(0, ih0);
    int hi = Math.min(g.inH(), ih0 + (g.kH() - 1) * g.dilationH() + 1);
    if (lo >= hi) {
      return touched;
    }
    int plane = (row / g.outH()) * g.inH();
    int end = (plane + hi) * g.inW() * g.inC();
    sink = touch(x, Math.max(touched, (plane + lo) * g.inW() * g.inC()), end);
    return end;
  }

  /**
   * Reads one float per cache line of {@code a[from, to)} and returns their sum. Run on a row's new
   * input rows just before the kernel: this sequential pass streams them in at full bandwidth,
   * where the kernel's strided loads leave the hardware prefetchers idle (about 1.5x on the
   * 32x19x19x728 benchmark). The sum goes to {@link #sink} so the loads are not removed.
   */
  private static float touch(float[] a, int from, int to) {
    float s = 0;
    for (int i = from; i < to; i += 16) {
      s += a[i];
    }
    return s;
  }

  /**
   * One output row. For each pixel the in-bounds taps go into a flat list first, so the vector
   * accumulators run through one loop (C2 keeps them in registers; nested tap loops made JDK 17
   * allocate a vector per FMA), and channel blocks run innermost over that list.
   */
  private static void forwardRow(
      ConvGeometry g, float[] x, float[] w, float[] y, int row, Axis cols, int[] xOff, int[] wOff) {
    int ch = g.inC();
    int b = row / g.outH();
    int oh = row % g.outH();
    int ih0 = oh * g.strideH() - g.padTop();
    int khLo = Axis.lo(ih0, g.dilationH());
    int khHi = Axis.hi(ih0, g.dilationH(), g.kH(), g.inH());
    int xStep = g.strideW() * ch;
    int ow = 0;
    while (ow < g.outW()) {
      int n = 0;
      for (int kh = khLo; kh < khHi; kh++) {
        for (int kw = cols.lo[ow]; kw < cols.hi[ow]; kw++) {
          xOff[n] = (kh * g.dilationH() * g.inW() + kw * g.dilationW()) * ch;
          wOff[n] = (kh * g.kW() + kw) * ch;
          n++;
        }
      }
      int xBase = ((b * g.inH() + ih0) * g.inW() + ow * g.strideW() - g.padLeft()) * ch;
      int yi = (row * g.outW() + ow) * ch;
      if (ow >= cols.fullLo && ow + 4 <= cols.fullHi) {
        // Four pixels share the tap list: independent FMA chains, one weight load per four FMAs.
        for (int c0 = 0; c0 < ch; c0 += L) {
          int c = Math.min(c0, ch - L);
          FloatVector a0 = FloatVector.zero(S);
          FloatVector a1 = FloatVector.zero(S);
          FloatVector a2 = FloatVector.zero(S);
          FloatVector a3 = FloatVector.zero(S);
          for (int t = 0; t < n; t++) {
            FloatVector wv = FloatVector.fromArray(S, w, wOff[t] + c);
            int xi = xBase + xOff[t] + c;
            a0 = FloatVector.fromArray(S, x, xi).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, xi + xStep).fma(wv, a1);
            a2 = FloatVector.fromArray(S, x, xi + 2 * xStep).fma(wv, a2);
            a3 = FloatVector.fromArray(S, x, xi + 3 * xStep).fma(wv, a3);
          }
          a0.intoArray(y, yi + c);
          a1.intoArray(y, yi + ch + c);
          a2.intoArray(y, yi + 2 * ch + c);
          a3.intoArray(y, yi + 3 * ch + c);
        }
        ow += 4;
      } else {
        for (int c0 = 0; c0 < ch; c0 += L) {
          int c = Math.min(c0, ch - L);
          FloatVector a = FloatVector.zero(S);
          for (int t = 0; t < n; t++) {
            a =
                FloatVector.fromArray(S, x, xBase + xOff[t] + c)
                    .fma(FloatVector.fromArray(S, w, wOff[t] + c), a);
          }
          a.intoArray(y, yi + c);
        }
        ow++;
      }
    }
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    if (!vectorPath(g)) {
      scalar.backwardInput(g, dy, w, dx);
      return;
    }
    Taps cols = Taps.of(g.inW(), g.outW(), g.strideW(), g.padLeft(), g.dilationW(), g.kW());
    Taps rows = Taps.of(g.inH(), g.outH(), g.strideH(), g.padTop(), g.dilationH(), g.kH());
    int ch = g.inC();
    Parallel.forRange(
        g.batch() * g.inH(),
        1,
        (s, e) -> {
          int[] dyOff = new int[g.kH() * g.kW()];
          int[] wOff = new int[g.kH() * g.kW()];
          for (int row = s; row < e; row++) {
            int b = row / g.inH();
            int ih = row % g.inH();
            for (int iw = 0; iw < g.inW(); iw++) {
              // A flat list of the (output, tap) pairs reading this pixel: one accumulator loop.
              int n = 0;
              for (int r = rows.start[ih]; r < rows.start[ih + 1]; r++) {
                for (int t = cols.start[iw]; t < cols.start[iw + 1]; t++) {
                  dyOff[n] = ((b * g.outH() + rows.out[r]) * g.outW() + cols.out[t]) * ch;
                  wOff[n] = (rows.k[r] * g.kW() + cols.k[t]) * ch;
                  n++;
                }
              }
              int xi = (row * g.inW() + iw) * ch;
              for (int c0 = 0; c0 < ch; c0 += L) {
                int c = Math.min(c0, ch - L);
                FloatVector a = FloatVector.zero(S);
                for (int t = 0; t < n; t++) {
                  a =
                      FloatVector.fromArray(S, dy, dyOff[t] + c)
                          .fma(FloatVector.fromArray(S, w, wOff[t] + c), a);
                }
                a.intoArray(dx, xi + c);
              }
            }
          }
        });
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    if (!vectorPath(g)) {
      scalar.backwardFilter(g, x, dy, dw);
      return;
    }
    int ch = g.inC();
    int size = g.kH() * g.kW() * ch;
    int rows = g.batch() * g.outH();
    Axis cols = Axis.of(g.outW(), g.strideW(), g.padLeft(), g.dilationW(), g.kW(), g.inW());
    // One partial per chunk, summed in chunk order: deterministic for a given thread count.
    int chunks = Math.max(1, Math.min(Parallel.threads(), rows));
    float[][] partial = new float[chunks][];
    Parallel.forRange(
        chunks,
        1,
        (s, e) -> {
          for (int k = s; k < e; k++) {
            float[] acc = new float[size];
            int r1 = (int) ((long) rows * (k + 1) / chunks);
            int touched = 0;
            for (int row = (int) ((long) rows * k / chunks); row < r1; row++) {
              int rowSize = g.outW() * ch;
              sink = touch(dy, row * rowSize, (row + 1) * rowSize);
              touched = touchWindow(g, x, row, touched);
              filterRow(g, x, dy, acc, row, cols);
            }
            partial[k] = acc;
          }
        });
    System.arraycopy(partial[0], 0, dw, 0, size);
    for (int k = 1; k < chunks; k++) {
      float[] p = partial[k];
      int i = 0;
      for (; i < S.loopBound(size); i += L) {
        FloatVector.fromArray(S, dw, i).add(FloatVector.fromArray(S, p, i)).intoArray(dw, i);
      }
      for (; i < size; i++) {
        dw[i] += p[i];
      }
    }
  }

  private static void filterRow(
      ConvGeometry g, float[] x, float[] dy, float[] acc, int row, Axis cols) {
    int ch = g.inC();
    int b = row / g.outH();
    int oh = row % g.outH();
    int ih0 = oh * g.strideH() - g.padTop();
    int khLo = Axis.lo(ih0, g.dilationH());
    int khHi = Axis.hi(ih0, g.dilationH(), g.kH(), g.inH());
    int xStepW = g.strideW() * ch;
    int dyRow = row * g.outW() * ch;
    // The overlapping last block adds only the lanes no earlier block covered.
    VectorMask<Float> all = S.maskAll(true);
    VectorMask<Float> tail = VectorMask.fromLong(S, ((1L << L) - 1) & (-1L << (L - ch % L)));
    for (int c0 = 0; c0 < ch; c0 += L) {
      int c = Math.min(c0, ch - L);
      VectorMask<Float> fresh = c == c0 ? all : tail;
      for (int kh = khLo; kh < khHi; kh++) {
        int ih = ih0 + kh * g.dilationH();
        for (int kw = 0; kw < g.kW(); kw++) {
          int owLo = cols.owLo[kw];
          int owHi = cols.owHi[kw];
          int xi =
              ((b * g.inH() + ih) * g.inW() + owLo * g.strideW() - g.padLeft() + kw * g.dilationW())
                      * ch
                  + c;
          int di = dyRow + owLo * ch + c;
          FloatVector s0 = FloatVector.zero(S);
          FloatVector s1 = FloatVector.zero(S);
          int ow = owLo;
          for (; ow + 2 <= owHi; ow += 2, xi += 2 * xStepW, di += 2 * ch) {
            s0 = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, dy, di), s0);
            s1 =
                FloatVector.fromArray(S, x, xi + xStepW)
                    .fma(FloatVector.fromArray(S, dy, di + ch), s1);
          }
          if (ow < owHi) {
            s0 = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, dy, di), s0);
          }
          int ai = (kh * g.kW() + kw) * ch + c;
          FloatVector.fromArray(S, acc, ai).add(s0.add(s1), fresh).intoArray(acc, ai);
        }
      }
    }
  }

  /**
   * The window taps of one spatial axis: for each output position its in-bounds tap range {@code
   * [lo, hi)}; the positions whose whole window is inside {@code [fullLo, fullHi)}; and for each
   * tap the output range {@code [owLo, owHi)} that keeps it inside.
   */
  private static final class Axis {
    final int[] lo;
    final int[] hi;
    final int[] owLo;
    final int[] owHi;
    int fullLo;
    int fullHi;

    private Axis(int out, int k) {
      lo = new int[out];
      hi = new int[out];
      owLo = new int[k];
      owHi = new int[k];
    }

    static Axis of(int out, int stride, int pad, int dilation, int k, int in) {
      Axis a = new Axis(out, k);
      a.fullLo = out;
      a.fullHi = out;
      for (int o = 0; o < out; o++) {
        int i0 = o * stride - pad;
        a.lo[o] = lo(i0, dilation);
        a.hi[o] = hi(i0, dilation, k, in);
        if (a.lo[o] == 0 && a.hi[o] == k) {
          a.fullLo = Math.min(a.fullLo, o);
          a.fullHi = o + 1;
        }
      }
      for (int t = 0; t < k; t++) {
        int o = 0;
        while (o < out && (o * stride - pad + t * dilation) < 0) {
          o++;
        }
        a.owLo[t] = o;
        while (o < out && (o * stride - pad + t * dilation) < in) {
          o++;
        }
        a.owHi[t] = o;
      }
      return a;
    }

    /** First tap {@code t} with {@code i0 + t * dilation >= 0}. */
    static int lo(int i0, int dilation) {
      return i0 >= 0 ? 0 : (-i0 + dilation - 1) / dilation;
    }

    /** One past the last tap with {@code i0 + t * dilation < in}, at most {@code k}. */
    static int hi(int i0, int dilation, int k, int in) {
      return i0 >= in ? 0 : Math.min(k, (in - 1 - i0) / dilation + 1);
    }
  }

  /**
   * For each input position {@code i} of one axis, the (tap, output) pairs that read it, in {@code
   * [start[i], start[i + 1])}: the gather form of the input gradient.
   */
  private static final class Taps {
    final int[] start;
    final int[] k;
    final int[] out;

    private Taps(int in, int kernel) {
      start = new int[in + 1];
      k = new int[in * kernel];
      out = new int[in * kernel];
    }

    static Taps of(int in, int outLen, int stride, int pad, int dilation, int kernel) {
      Taps t = new Taps(in, kernel);
      int n = 0;
      for (int i = 0; i < in; i++) {
        t.start[i] = n;
        for (int kk = 0; kk < kernel; kk++) {
          int num = i + pad - kk * dilation;
          if (num >= 0 && num % stride == 0 && num / stride < outLen) {
            t.k[n] = kk;
            t.out[n] = num / stride;
            n++;
          }
        }
      }
      t.start[in] = n;
      return t;
    }
  }
}
