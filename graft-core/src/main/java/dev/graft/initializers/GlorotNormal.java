package dev.graft.initializers;

/**
 * Truncated normal with standard deviation {@code sqrt(2 / (fanIn + fanOut))} after truncation
 * (Keras's {@code GlorotNormal}).
 */
public final class GlorotNormal extends VarianceScaling {
  public GlorotNormal() {
    this(null);
  }

  /** A seeded initializer: the same seed gives the same values every time. */
  public GlorotNormal(Long seed) {
    super(1, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, seed);
  }
}
