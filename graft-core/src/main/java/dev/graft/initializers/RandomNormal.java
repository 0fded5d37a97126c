package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** Normal values (Keras's {@code RandomNormal}; defaults mean 0, standard deviation 0.05). */
public final class RandomNormal implements Initializer {
  private final float mean;
  private final float stddev;
  private final Long seed;

  public RandomNormal() {
    this(0f, 0.05f, null);
  }

  /**
   * @param seed the seed, or {@code null} to take the next one of {@link Seeds} at each call
   */
  public RandomNormal(float mean, float stddev, Long seed) {
    Seeds.checkNormal("RandomNormal", mean, stddev);
    this.mean = mean;
    this.stddev = stddev;
    this.seed = seed;
  }

  @Override
  public Tensor create(int[] shape) {
    return Seeds.rng(seed).normal(mean, stddev, shape);
  }

  public float mean() {
    return mean;
  }

  public float stddev() {
    return stddev;
  }

  /** The seed, or {@code null} to take the next one of {@link Seeds} at each call. */
  public Long seed() {
    return seed;
  }
}
