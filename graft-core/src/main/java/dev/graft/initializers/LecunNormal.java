package dev.graft.initializers;

/**
 * Truncated normal with standard deviation {@code sqrt(1 / fanIn)} after truncation (Keras's {@code
 * LecunNormal}).
 */
public final class LecunNormal extends VarianceScaling {
  public LecunNormal() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public LecunNormal(Long seed) {
    super(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed);
  }
}
