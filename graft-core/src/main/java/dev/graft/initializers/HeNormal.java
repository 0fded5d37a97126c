package dev.graft.initializers;

/**
 * Truncated normal with standard deviation {@code sqrt(2 / fanIn)} after truncation (Keras's {@code
 * HeNormal}).
 */
public final class HeNormal extends VarianceScaling {
  public HeNormal() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public HeNormal(Long seed) {
    super(2, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed);
  }
}
