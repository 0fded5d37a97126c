package dev.graft.initializers;

/**
 * Uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / fanIn)} (Keras's {@code HeUniform}).
 */
public final class HeUniform extends VarianceScaling {
  public HeUniform() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public HeUniform(Long seed) {
    super(2, Mode.FAN_IN, Distribution.UNIFORM, seed);
  }
}
