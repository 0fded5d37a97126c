package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.Parallel;

/**
 * The per-channel affine primitive {@code y = x * scale[c] + shift[c]} along one axis, with its
 * gradient: {@code dx = dy * scale}, {@code dscale = sum(dy * x)} and {@code dshift = sum(dy)} over
 * every axis but the channel one. Batch normalization is this op after its per-channel statistics;
 * fused, it makes one pass where mul and add made two, and its rule saves {@code x} only when
 * {@code scale} needs a gradient (mul would also save its broadcast product's operands).
 */
final class ChannelAffineOp {
  private ChannelAffineOp() {}

  static Tensor apply(Tensor x, Tensor scale, Tensor shift, int axis) {
    int a = x.shape.normalizeAxis("channelAffine", axis);
    int c = x.shape.dim(a);
    checkParam("scale", scale, x, a);
    checkParam("shift", shift, x, a);
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= x.shape.dim(i);
    }
    int inner = c == 0 ? 0 : x.size() / Math.max(1, outer * c);
    Layout l = new Layout(outer, c, inner);
    float[] xd = x.buffer();
    float[] s = scale.buffer();
    float[] b = shift.buffer();
    float[] y = new float[x.size()];
    // A multiply then an add, as Ops.mul then Ops.add round. Channels last (inner == 1, the
    // Keras layout) gets a loop over channels, which the JIT vectorizes.
    l.forBlocks(
        (o, base) -> {
          if (inner == 1) {
            for (int ch = 0; ch < c; ch++) {
              y[base + ch] = xd[base + ch] * s[ch] + b[ch];
            }
            return;
          }
          for (int ch = 0; ch < c; ch++) {
            float sv = s[ch];
            float bv = b[ch];
            int at = base + ch * inner;
            for (int i = at; i < at + inner; i++) {
              y[i] = xd[i] * sv + bv;
            }
          }
        });
    Tensor out = new Tensor(y, x.shape);
    boolean needX = GradientTape.needsGradient(x);
    boolean needScale = GradientTape.needsGradient(scale);
    boolean needShift = GradientTape.needsGradient(shift);
    if (!needX && !needScale && !needShift) {
      return out;
    }
    float[] xs = needScale ? x.valueForBackward().buffer() : null;
    float[] ss = needX ? scale.valueForBackward().buffer() : null;
    Shape xShape = x.shape;
    GradientTape.record(
        "channelAffine",
        out,
        new Tensor[] {x, scale, shift},
        dy -> {
          float[] g = dy.buffer();
          Tensor dx = ss == null ? null : new Tensor(inputGradient(l, g, ss), xShape);
          if (!needScale && !needShift) {
            return new Tensor[] {dx, null, null};
          }
          float[][] sums = channelSums(l, g, xs);
          return new Tensor[] {
            dx,
            needScale ? new Tensor(sums[0], Shape.of(c)) : null,
            needShift ? new Tensor(sums[1], Shape.of(c)) : null
          };
        });
    return out;
  }

  private static float[] inputGradient(Layout l, float[] g, float[] s) {
    float[] dx = new float[g.length];
    l.forBlocks(
        (o, base) -> {
          if (l.inner == 1) {
            for (int ch = 0; ch < l.channels; ch++) {
              dx[base + ch] = g[base + ch] * s[ch];
            }
            return;
          }
          for (int ch = 0; ch < l.channels; ch++) {
            float sv = s[ch];
            int at = base + ch * l.inner;
            for (int i = at; i < at + l.inner; i++) {
              dx[i] = g[i] * sv;
            }
          }
        });
    return dx;
  }

  /**
   * {@code {sum(g * x), sum(g)}} per channel, accumulated in double (the sums run over batch and
   * space, hundreds of thousands of terms). Threads own channel ranges and add in a fixed order, so
   * the result does not depend on the thread count. {@code x} may be null (no scale gradient).
   */
  private static float[][] channelSums(Layout l, float[] g, float[] x) {
    int c = l.channels;
    double[] gx = new double[c];
    double[] gs = new double[c];
    Parallel.forRange(
        c,
        Math.max(1, (1 << 15) / Math.max(1, l.outer * l.inner)),
        (c0, c1) -> {
          if (l.inner == 1) {
            // The same sums in the same order, with channels innermost: contiguous reads.
            for (int o = 0; o < l.outer; o++) {
              int at = o * c;
              for (int ch = c0; ch < c1; ch++) {
                gs[ch] += g[at + ch];
                if (x != null) {
                  gx[ch] += (double) g[at + ch] * x[at + ch];
                }
              }
            }
            return;
          }
          for (int o = 0; o < l.outer; o++) {
            for (int ch = c0; ch < c1; ch++) {
              int at = (o * c + ch) * l.inner;
              double sx = 0;
              double sg = 0;
              for (int i = at; i < at + l.inner; i++) {
                sg += g[i];
                if (x != null) {
                  sx += (double) g[i] * x[i];
                }
              }
              gx[ch] += sx;
              gs[ch] += sg;
            }
          }
        });
    float[][] out = new float[2][c];
    for (int ch = 0; ch < c; ch++) {
      out[0][ch] = (float) gx[ch];
      out[1][ch] = (float) gs[ch];
    }
    return out;
  }

  /** {@code x} seen as {@code (outer, channels, inner)} blocks of contiguous values. */
  private record Layout(int outer, int channels, int inner) {
    interface Block {
      void run(int outerIndex, int base);
    }

    /** Runs {@code body} for every outer index, split over threads. */
    void forBlocks(Block body) {
      int blockSize = channels * inner;
      Parallel.forRange(
          outer,
          Math.max(1, (1 << 15) / Math.max(1, blockSize)),
          (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
              body.run(o, o * blockSize);
            }
          });
    }
  }

  private static void checkParam(String what, Tensor p, Tensor x, int axis) {
    if (p.rank() != 1 || p.shape.dim(0) != x.shape.dim(axis)) {
      throw new IllegalArgumentException(
          "channelAffine: "
              + what
              + " has shape "
              + p.shape
              + " but must be 1-D of length "
              + x.shape.dim(axis)
              + ", the size of axis "
              + axis
              + " of the input "
              + x.shape);
    }
  }
}
