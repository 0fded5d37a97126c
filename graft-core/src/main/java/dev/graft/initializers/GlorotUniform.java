package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** Uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / (fanIn + fanOut))}. */
public final class GlorotUniform implements Initializer {
  private final Long seed;

  public GlorotUniform() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public GlorotUniform(Long seed) {
    this.seed = seed;
  }

  @Override
  public Tensor create(int[] shape) {
    Fans f = Fans.of(shape);
    float limit = (float) Math.sqrt(6.0 / (f.in() + f.out()));
    return Seeds.rng(seed).uniform(-limit, limit, shape);
  }

  /** The seed, or {@code null} to take the next one of {@link Seeds} at each call. */
  public Long seed() {
    return seed;
  }
}
