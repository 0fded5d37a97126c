package dev.graft.optimizers.schedules;

import java.util.Arrays;

/**
 * A rate that is constant between boundaries, as Keras's {@code PiecewiseConstantDecay}: {@code
 * values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] <
 * step <= boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * // 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1
 * new PiecewiseConstantDecay(new long[] {100000, 110000}, new float[] {1.0f, 0.5f, 0.1f});
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
  private final long[] boundaries;
  private final float[] values;

  /**
   * @param boundaries increasing step numbers
   * @param values one more value than boundaries
   */
  public PiecewiseConstantDecay(long[] boundaries, float[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException(
          "PiecewiseConstantDecay: give one more value than boundaries; got "
              + boundaries.length
              + " boundaries and "
              + values.length
              + " values");
    }
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i] <= boundaries[i - 1]) {
        throw new IllegalArgumentException(
            "PiecewiseConstantDecay: boundaries must increase, got " + Arrays.toString(boundaries));
      }
    }
    this.boundaries = boundaries.clone();
    this.values = values.clone();
  }

  public long[] boundaries() {
    return boundaries.clone();
  }

  public float[] values() {
    return values.clone();
  }

  @Override
  public float apply(long step) {
    for (int i = 0; i < boundaries.length; i++) {
      if (step <= boundaries[i]) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
