package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/**
 * Normal values redrawn until they lie within two standard deviations of the mean (Keras's {@code
 * TruncatedNormal}; defaults mean 0, standard deviation 0.05). The values' own standard deviation
 * is about {@code 0.88 * stddev}.
 */
public final class TruncatedNormal implements Initializer {
  private final float mean;
  private final float stddev;
  private final Long seed;

  public TruncatedNormal() {
    this(0f, 0.05f, null);
  }

  /**
   * @param seed the seed, or {@code null} to take the next one of {@link Seeds} at each call
   */
  public TruncatedNormal(float mean, float stddev, Long seed) {
    Seeds.checkNormal("TruncatedNormal", mean, stddev);
    this.mean = mean;
    this.stddev = stddev;
    this.seed = seed;
  }

  @Override
  public Tensor create(int[] shape) {
    return Seeds.rng(seed).truncatedNormal(mean, stddev, shape);
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
