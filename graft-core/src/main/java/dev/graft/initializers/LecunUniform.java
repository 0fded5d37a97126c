package dev.graft.initializers;

/**
 * Uniform in {@code [-limit, limit]}, {@code limit = sqrt(3 / fanIn)} (Keras's {@code
 * LecunUniform}).
 */
public final class LecunUniform extends VarianceScaling {
  public LecunUniform() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public LecunUniform(Long seed) {
    super(1, Mode.FAN_IN, Distribution.UNIFORM, seed);
  }
}
