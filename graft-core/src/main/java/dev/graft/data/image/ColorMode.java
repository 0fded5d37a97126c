package dev.graft.data.image;

import java.util.Locale;

/** The channels {@link ImageDecoder} returns, as Keras's {@code color_mode}. */
public enum ColorMode {
  /** One channel: the image's own gray values, or ITU-R 601 luma of colour images. */
  GRAYSCALE(1),
  /** Three channels, red, green, blue; alpha is dropped, gray is replicated. */
  RGB(3),
  /** Four channels; alpha is 255 where the image has none. */
  RGBA(4);

  private final int channels;

  ColorMode(int channels) {
    this.channels = channels;
  }

  public int channels() {
    return channels;
  }

  /** Parses Keras's spelling: {@code "grayscale"}, {@code "rgb"}, {@code "rgba"}. */
  public static ColorMode of(String keras) {
    for (ColorMode m : values()) {
      if (m.name().equalsIgnoreCase(keras)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown color mode '" + keras + "'; use \"grayscale\", \"rgb\" or \"rgba\"");
  }

  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
