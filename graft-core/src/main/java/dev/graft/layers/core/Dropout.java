package dev.graft.layers.core;

import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;

/**
 * Inverted dropout (Keras's {@code Dropout}): when called with {@code training = true}, each
 * element is zeroed with probability {@code rate} and the others are scaled by {@code 1 / (1 -
 * rate)}, so the expected value is unchanged; otherwise the input passes through untouched. Each
 * training call draws a fresh mask from the layer's own generator, so a seeded layer gives the same
 * sequence of masks in every run.
 */
public final class Dropout extends Layer {
  private final float rate;
  private final Rng rng;
  private final Long seed;

  public Dropout(float rate) {
    this(rate, null, null);
  }

  public Dropout(float rate, Long seed) {
    this(rate, seed, null);
  }

  /**
   * @param rate the fraction of inputs to drop, in {@code [0, 1)}
   * @param seed the seed of the layer's mask generator, or {@code null} for the next one of {@link
   *     Seeds}
   * @param name the layer's name, or {@code null} for an automatic one ({@code dropout}, ...)
   */
  public Dropout(float rate, Long seed, String name) {
    super(name);
    markStateless();
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "Dropout: rate must be in [0, 1) (the fraction of inputs to drop), got " + rate);
    }
    this.rate = rate;
    this.seed = seed;
    this.rng = new Rng(seed == null ? Seeds.next() : seed);
  }

  public float rate() {
    return rate;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    if (!training || rate == 0) {
      return x;
    }
    return Ops.mul(x, Ops.dropoutMask(rng, rate, x.shape().dims()));
  }

  /** The seed given at construction, or {@code null} if it was taken from {@link Seeds}. */
  public Long seed() {
    return seed;
  }
}
