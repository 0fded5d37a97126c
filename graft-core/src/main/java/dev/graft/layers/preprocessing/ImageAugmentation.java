package dev.graft.layers.preprocessing;

import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;

/**
 * The common part of the random image layers: a seeded generator of the layer's own, the identity
 * in inference, and a loop over the images of an NHWC batch (or one HWC image), each transformed
 * with its own random draw.
 */
abstract class ImageAugmentation extends Layer {
  /** The layer's generator: fresh values on each training call, the same sequence per seed. */
  final Rng rng;

  private final Long seed;

  ImageAugmentation(Long seed, String name) {
    super(name);
    markStateless();
    this.seed = seed;
    this.rng = new Rng(seed == null ? Seeds.next() : seed);
  }

  /** The seed given at construction, or {@code null} if it was taken from {@link Seeds}. */
  public final Long seed() {
    return seed;
  }

  @Override
  protected void build(int[] inputShape) {
    if (inputShape.length != 3 && inputShape.length != 4) {
      requireRank(inputShape, 4, "(batch, height, width, channels) or (height, width, channels)");
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    if (!training) {
      return x;
    }
    int[] d = x.shape().dims();
    boolean single = d.length == 3;
    int n = single ? 1 : d[0];
    int h = d[single ? 0 : 1];
    int w = d[single ? 1 : 2];
    int c = d[single ? 2 : 3];
    float[] in = x.toFloatArray();
    float[] out = new float[in.length];
    int size = h * w * c;
    for (int b = 0; b < n; b++) {
      augment(in, out, b * size, h, w, c);
    }
    return Tensor.of(out, d);
  }

  /** Writes image {@code base / (h w c)} of {@code in} into {@code out} at the same offset. */
  abstract void augment(float[] in, float[] out, int base, int h, int w, int c);

  /** A uniform value in {@code [low, high)} ({@code low} when they are equal). */
  final double uniform(double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /** A factor {@code f} as the range {@code [-f, f]}, or a pair as given, checked. */
  static double[] range(String layer, String what, double... factor) {
    double[] r;
    if (factor.length == 1) {
      r = new double[] {-Math.abs(factor[0]), Math.abs(factor[0])};
    } else if (factor.length == 2) {
      r = factor.clone();
    } else {
      throw new IllegalArgumentException(
          layer + ": " + what + " must be one value f (meaning [-f, f]) or a (lower, upper) pair");
    }
    if (!Double.isFinite(r[0]) || !Double.isFinite(r[1]) || r[0] > r[1]) {
      throw new IllegalArgumentException(
          layer
              + ": "
              + what
              + " must be finite with lower <= upper, got ("
              + r[0]
              + ", "
              + r[1]
              + ")");
    }
    return r;
  }
}
