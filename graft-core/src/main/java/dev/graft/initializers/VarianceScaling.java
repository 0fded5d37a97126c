package dev.graft.initializers;

import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Locale;

/**
 * Keras's {@code VarianceScaling}: values whose variance is {@code scale / n}, where {@code n} is
 * the fan chosen by {@code mode} (at least 1; see {@link Fans}).
 *
 * <ul>
 *   <li>{@link Distribution#TRUNCATED_NORMAL}: normal within two standard deviations, with standard
 *       deviation {@code sqrt(scale / n) / 0.87962566103423978} so that the truncated values have
 *       standard deviation {@code sqrt(scale / n)};
 *   <li>{@link Distribution#UNTRUNCATED_NORMAL}: normal, standard deviation {@code sqrt(scale /
 *       n)};
 *   <li>{@link Distribution#UNIFORM}: uniform in {@code [-limit, limit]}, {@code limit = sqrt(3 *
 *       scale / n)}.
 * </ul>
 *
 * Glorot, He and LeCun initializers are this with fixed settings.
 */
public class VarianceScaling implements Initializer {
  /** The standard deviation of a standard normal truncated to {@code [-2, 2]}. */
  static final double TRUNCATED_STDDEV = 0.87962566103423978;

  /** Which fan divides the scale. */
  public enum Mode {
    FAN_IN,
    FAN_OUT,
    FAN_AVG;

    /** The mode Keras calls {@code name} ({@code "fan_in"}, ...). */
    public static Mode of(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "VarianceScaling: mode must be fan_in, fan_out or fan_avg, got '" + name + "'", e);
      }
    }
  }

  /** The distribution values are drawn from. */
  public enum Distribution {
    TRUNCATED_NORMAL,
    UNTRUNCATED_NORMAL,
    UNIFORM;

    /** The distribution Keras calls {@code name}; {@code "normal"} means truncated, as Keras. */
    public static Distribution of(String name) {
      if (name.equals("normal")) {
        return TRUNCATED_NORMAL;
      }
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "VarianceScaling: distribution must be truncated_normal, untruncated_normal or"
                + " uniform, got '"
                + name
                + "'",
            e);
      }
    }
  }

  private final double scale;
  private final Mode mode;
  private final Distribution distribution;
  private final Long seed;

  /**
   * @param scale a positive scaling factor
   * @param seed the seed, or {@code null} to take the next one of {@link Seeds} at each call
   */
  public VarianceScaling(double scale, Mode mode, Distribution distribution, Long seed) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "VarianceScaling: scale must be a positive number, got " + scale);
    }
    if (mode == null || distribution == null) {
      throw new IllegalArgumentException("VarianceScaling: mode and distribution are required");
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
    this.seed = seed;
  }

  public double scale() {
    return scale;
  }

  public Mode mode() {
    return mode;
  }

  public Distribution distribution() {
    return distribution;
  }

  @Override
  public Tensor create(int[] shape) {
    Fans f = Fans.of(shape);
    double n =
        switch (mode) {
          case FAN_IN -> f.in();
          case FAN_OUT -> f.out();
          case FAN_AVG -> (f.in() + f.out()) / 2;
        };
    double variance = scale / Math.max(1, n);
    Rng rng = Seeds.rng(seed);
    return switch (distribution) {
      case TRUNCATED_NORMAL ->
          rng.truncatedNormal(0, (float) (Math.sqrt(variance) / TRUNCATED_STDDEV), shape);
      case UNTRUNCATED_NORMAL -> rng.normal(0, (float) Math.sqrt(variance), shape);
      case UNIFORM -> {
        float limit = (float) Math.sqrt(3 * variance);
        yield rng.uniform(-limit, limit, shape);
      }
    };
  }

  /** The seed, or {@code null} to take the next one of {@link Seeds} at each call. */
  public Long seed() {
    return seed;
  }
}
