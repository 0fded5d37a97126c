package dev.graft.tensor;

import dev.graft.tensor.kernels.Parallel;

/**
 * A tensor seen as {@code (outer, channels, inner)} blocks of contiguous values around one channel
 * axis: the loops shared by the per-channel primitives ({@link ChannelAffineOp}, {@link
 * BatchNormOp}). Channels last (the Keras layout) has {@code inner == 1}.
 */
record ChannelLayout(int outer, int channels, int inner) {
  interface Block {
    void run(int outerIndex, int base);
  }

  /** The layout of {@code shape} around the (normalized) axis {@code a}. */
  static ChannelLayout of(Shape shape, int a) {
    int c = shape.dim(a);
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= shape.dim(i);
    }
    int inner = c == 0 ? 0 : shape.size() / Math.max(1, outer * c);
    return new ChannelLayout(outer, c, inner);
  }

  /** The number of values per channel. */
  int perChannel() {
    return outer * inner;
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

  /**
   * {@code {sum(g * x), sum(g)}} per channel, accumulated in double (the sums run over batch and
   * space, hundreds of thousands of terms). Threads own channel ranges and add in a fixed order, so
   * the result does not depend on the thread count. {@code x} may be null (then only {@code
   * sum(g)}).
   */
  double[][] sums(float[] g, float[] x) {
    int c = channels;
    double[] gx = new double[c];
    double[] gs = new double[c];
    Parallel.forRange(
        c,
        Math.max(1, (1 << 15) / Math.max(1, perChannel())),
        (c0, c1) -> {
          if (inner == 1) {
            // The same sums in the same order, with channels innermost: contiguous reads.
            for (int o = 0; o < outer; o++) {
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
          for (int o = 0; o < outer; o++) {
            for (int ch = c0; ch < c1; ch++) {
              int at = (o * c + ch) * inner;
              double sx = 0;
              double sg = 0;
              for (int i = at; i < at + inner; i++) {
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
    return new double[][] {gx, gs};
  }
}
