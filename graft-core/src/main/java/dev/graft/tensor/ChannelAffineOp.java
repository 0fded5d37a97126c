package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;

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
    checkParam("channelAffine", "scale", scale, x, a);
    checkParam("channelAffine", "shift", shift, x, a);
    ChannelLayout l = ChannelLayout.of(x.shape, a);
    int c = l.channels();
    float[] y = affine(l, x.buffer(), new float[c], scale.buffer(), shift.buffer());
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
          double[][] sums = l.sums(g, xs);
          return new Tensor[] {
            dx,
            needScale ? new Tensor(toFloats(sums[0]), Shape.of(c)) : null,
            needShift ? new Tensor(toFloats(sums[1]), Shape.of(c)) : null
          };
        });
    return out;
  }

  /**
   * {@code (x - m[c]) * s[c] + b[c]}: a subtract, a multiply, then an add, as the composed ops
   * round. With {@code m} zero it is the plain affine map, bit for bit.
   */
  static float[] affine(ChannelLayout l, float[] x, float[] m, float[] s, float[] b) {
    float[] y = new float[x.length];
    int c = l.channels();
    int inner = l.inner();
    l.forBlocks(
        (o, base) -> {
          if (inner == 1) {
            // Channels last (the Keras layout): a loop over channels, which the JIT vectorizes.
            for (int ch = 0; ch < c; ch++) {
              y[base + ch] = (x[base + ch] - m[ch]) * s[ch] + b[ch];
            }
            return;
          }
          for (int ch = 0; ch < c; ch++) {
            float mv = m[ch];
            float sv = s[ch];
            float bv = b[ch];
            int at = base + ch * inner;
            for (int i = at; i < at + inner; i++) {
              y[i] = (x[i] - mv) * sv + bv;
            }
          }
        });
    return y;
  }

  private static float[] inputGradient(ChannelLayout l, float[] g, float[] s) {
    float[] dx = new float[g.length];
    int c = l.channels();
    int inner = l.inner();
    l.forBlocks(
        (o, base) -> {
          if (inner == 1) {
            for (int ch = 0; ch < c; ch++) {
              dx[base + ch] = g[base + ch] * s[ch];
            }
            return;
          }
          for (int ch = 0; ch < c; ch++) {
            float sv = s[ch];
            int at = base + ch * inner;
            for (int i = at; i < at + inner; i++) {
              dx[i] = g[i] * sv;
            }
          }
        });
    return dx;
  }

  static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  static void checkParam(String op, String what, Tensor p, Tensor x, int axis) {
    if (p.rank() != 1 || p.shape.dim(0) != x.shape.dim(axis)) {
      throw new IllegalArgumentException(
          op
              + ": "
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
