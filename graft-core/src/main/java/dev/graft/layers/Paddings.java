package dev.graft.layers;

import dev.graft.tensor.Padding;
import java.util.Locale;

/**
 * Keras's {@code padding} argument of conv and pooling layers: {@code "valid"} or {@code "same"}.
 */
public final class Paddings {
  private Paddings() {}

  /**
   * Parses {@code "valid"} or {@code "same"} (any case).
   *
   * @param owner the layer type, named in the error
   */
  public static Padding parse(String owner, String value) {
    if (value != null) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "valid" -> {
          return Padding.VALID;
        }
        case "same" -> {
          return Padding.SAME;
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        owner
            + ": padding must be \"valid\" or \"same\", got "
            + (value == null ? "null" : "\"" + value + "\""));
  }

  /** The Keras spelling: {@code "valid"} or {@code "same"}. */
  public static String kerasName(Padding p) {
    return p.name().toLowerCase(Locale.ROOT);
  }
}
