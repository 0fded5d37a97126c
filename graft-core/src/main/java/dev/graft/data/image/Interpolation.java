package dev.graft.data.image;

import java.util.Locale;

/**
 * How {@link ImageResize} samples the input, with the meaning of TensorFlow's {@code
 * tf.image.resize} (antialias off).
 */
public enum Interpolation {
  /** Linear in each axis between the two nearest pixel centres (half-pixel centres). */
  BILINEAR,
  /** The pixel whose area holds {@code (i + 0.5) * in / out} (TF's half-pixel nearest rule). */
  NEAREST,
  /** The mean of the input pixels the output pixel covers, weighted by the covered fraction. */
  AREA,
  /** Keys cubic convolution with {@code a = -0.5}, half-pixel centres, border taps renormalised. */
  BICUBIC;

  /**
   * Parses Keras's spelling ({@code "bilinear"}, {@code "nearest"}, {@code "area"}, {@code
   * "bicubic"}), case-insensitively.
   */
  public static Interpolation of(String keras) {
    for (Interpolation i : values()) {
      if (i.name().equalsIgnoreCase(keras)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown interpolation '"
            + keras
            + "'; use one of "
            + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
  }

  /** Keras's spelling, as written in layer configs. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
