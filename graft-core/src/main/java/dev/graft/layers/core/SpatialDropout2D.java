package dev.graft.layers.core;

import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;

/**
 * Dropout of whole feature maps (Keras's {@code SpatialDropout2D}, channels-last): in training each
 * channel of each sample is zeroed with probability {@code rate} at every pixel at once, the kept
 * ones scaled by {@code 1 / (1 - rate)}; in inference the input passes through. Neighbouring pixels
 * of one map are strongly correlated, so dropping single pixels would barely regularize; dropping
 * maps does. The mask has shape {@code (batch, 1, 1, channels)}.
 */
public final class SpatialDropout2D extends Layer {
  private final float rate;
  private final Rng rng;
  private final Long seed;

  public SpatialDropout2D(float rate) {
    this(rate, null, null);
  }

  /**
   * @param rate the fraction of feature maps to drop, in {@code [0, 1)}
   * @param seed the seed of the layer's mask generator, or {@code null} for the next one of {@link
   *     Seeds}
   * @param name the layer's name, or {@code null} for an automatic one ({@code spatial_dropout2d},
   *     ...)
   */
  public SpatialDropout2D(float rate, Long seed, String name) {
    super(name);
    markStateless();
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "SpatialDropout2D: rate must be in [0, 1) (the fraction of feature maps to drop), got "
              + rate);
    }
    this.rate = rate;
    this.seed = seed;
    this.rng = new Rng(seed == null ? Seeds.next() : seed);
  }

  public float rate() {
    return rate;
  }

  /** The seed given at construction, or {@code null} if it was taken from {@link Seeds}. */
  public Long seed() {
    return seed;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int[] s = x.shape().dims();
    if (s.length != 4) {
      requireRank(s, 4, "(batch, height, width, channels)");
    }
    if (!training || rate == 0) {
      return x;
    }
    return Ops.mul(x, Ops.dropoutMask(rng, rate, new int[] {s[0], 1, 1, s[3]}));
  }
}
