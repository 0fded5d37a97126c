package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** Uniform values in {@code [min, max)} (Keras's {@code RandomUniform}; defaults -0.05, 0.05). */
public final class RandomUniform implements Initializer {
  private final float min;
  private final float max;
  private final Long seed;

  public RandomUniform() {
    this(-0.05f, 0.05f, null);
  }

  /**
   * @param seed the seed, or {@code null} to take the next one of {@link Seeds} at each call
   */
  public RandomUniform(float min, float max, Long seed) {
    if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
      throw new IllegalArgumentException(
          "RandomUniform: needs finite min <= max, got min=" + min + ", max=" + max);
    }
    this.min = min;
    this.max = max;
    this.seed = seed;
  }

  @Override
  public Tensor create(int[] shape) {
    return Seeds.rng(seed).uniform(min, max, shape);
  }

  public float min() {
    return min;
  }

  public float max() {
    return max;
  }

  /** The seed, or {@code null} to take the next one of {@link Seeds} at each call. */
  public Long seed() {
    return seed;
  }
}
