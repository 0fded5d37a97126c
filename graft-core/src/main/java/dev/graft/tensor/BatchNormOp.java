package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;

/**
 * Batch normalization with the batch's own statistics (training mode) as one primitive: {@code y =
 * (x - mean) * rsqrt(variance + epsilon) * gamma + beta}, the population mean and variance taken
 * per channel over every other axis. Its gradient is the closed form, with {@code n} values per
 * channel, {@code inv = rsqrt(variance + epsilon)} and {@code xhat = (x - mean) * inv}:
 *
 * <pre>
 * dgamma = sum(dy * xhat)    dbeta = sum(dy)
 * dx = gamma * inv * (dy - sum(dy) / n - xhat * sum(dy * xhat) / n)
 * </pre>
 *
 * Composed from mean, subtract, square and {@link ChannelAffineOp}, the same layer made about
 * sixteen passes over the activations forward and backward, a quarter of a small CNN's training
 * step; this makes five. The statistics are one pass of sums in double: for float inputs, {@code
 * E[x^2] - E[x]^2} in double loses nothing a float variance could hold.
 */
final class BatchNormOp {
  private BatchNormOp() {}

  static BatchNormalized apply(Tensor x, Tensor gamma, Tensor beta, float epsilon, int axis) {
    int a = x.shape.normalizeAxis("batchNormalization", axis);
    ChannelAffineOp.checkParam("batchNormalization", "gamma", gamma, x, a);
    ChannelAffineOp.checkParam("batchNormalization", "beta", beta, x, a);
    ChannelLayout l = ChannelLayout.of(x.shape, a);
    int c = l.channels();
    double n = Math.max(1, l.perChannel());
    float[] xd = x.buffer();
    float[] gammas = gamma.buffer();
    double[][] sums = l.sums(xd, xd);
    float[] mean = new float[c];
    float[] variance = new float[c];
    double[] inv = new double[c];
    float[] scale = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double m = sums[1][ch] / n;
      double v = Math.max(0, sums[0][ch] / n - m * m);
      mean[ch] = (float) m;
      variance[ch] = (float) v;
      inv[ch] = 1 / Math.sqrt(v + epsilon);
      scale[ch] = (float) (inv[ch] * gammas[ch]);
    }
    float[] y = ChannelAffineOp.affine(l, xd, mean, scale, beta.buffer());
    Tensor out = new Tensor(y, x.shape);
    Tensor meanT = new Tensor(mean, Shape.of(c));
    Tensor varianceT = new Tensor(variance, Shape.of(c));
    boolean needX = GradientTape.needsGradient(x);
    boolean needGamma = GradientTape.needsGradient(gamma);
    boolean needBeta = GradientTape.needsGradient(beta);
    if (needX || needGamma || needBeta) {
      float[] xs = x.valueForBackward().buffer();
      Shape xShape = x.shape;
      GradientTape.record(
          "batchNormalization",
          out,
          new Tensor[] {x, gamma, beta},
          dy -> {
            float[] g = dy.buffer();
            double[][] s = l.sums(g, xs);
            float[] dgamma = new float[c];
            float[] a0 = new float[c];
            float[] a1 = new float[c];
            float[] a2 = new float[c];
            for (int ch = 0; ch < c; ch++) {
              double sg = s[1][ch];
              double sgxhat = inv[ch] * (s[0][ch] - mean[ch] * sg);
              double k = gammas[ch] * inv[ch];
              dgamma[ch] = (float) sgxhat;
              // dx = a0 * dy + a1 * (x - mean) + a2
              a0[ch] = (float) k;
              a1[ch] = (float) (-k * inv[ch] * sgxhat / n);
              a2[ch] = (float) (-k * sg / n);
            }
            Tensor dx =
                needX ? new Tensor(inputGradient(l, g, xs, mean, a0, a1, a2), xShape) : null;
            return new Tensor[] {
              dx,
              needGamma ? new Tensor(dgamma, Shape.of(c)) : null,
              needBeta ? new Tensor(ChannelAffineOp.toFloats(s[1]), Shape.of(c)) : null
            };
          });
    }
    return new BatchNormalized(out, meanT, varianceT);
  }

  /** {@code a0[c] * g + a1[c] * (x - m[c]) + a2[c]}. */
  private static float[] inputGradient(
      ChannelLayout l, float[] g, float[] x, float[] m, float[] a0, float[] a1, float[] a2) {
    float[] dx = new float[g.length];
    int c = l.channels();
    int inner = l.inner();
    l.forBlocks(
        (o, base) -> {
          if (inner == 1) {
            for (int ch = 0; ch < c; ch++) {
              int i = base + ch;
              dx[i] = a0[ch] * g[i] + a1[ch] * (x[i] - m[ch]) + a2[ch];
            }
            return;
          }
          for (int ch = 0; ch < c; ch++) {
            int at = base + ch * inner;
            for (int i = at; i < at + inner; i++) {
              dx[i] = a0[ch] * g[i] + a1[ch] * (x[i] - m[ch]) + a2[ch];
            }
          }
        });
    return dx;
  }
}
