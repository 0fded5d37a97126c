package dev.graft.data.image;

import java.util.Locale;

/** How {@link ImageDatasets} encodes labels, as Keras's {@code label_mode}. */
public enum LabelMode {
  /** The class index, shape {@code (batch)} (for sparse categorical cross-entropy). */
  INT,
  /** 0 or 1, shape {@code (batch, 1)}; needs exactly two classes (for binary cross-entropy). */
  BINARY,
  /** One-hot, shape {@code (batch, numClasses)} (for categorical cross-entropy). */
  CATEGORICAL;

  /**
   * Parses Keras's spelling, {@code "int"}, {@code "binary"} or {@code "categorical"}; {@code null}
   * (Keras's {@code None}, no labels) gives {@code null}.
   */
  public static LabelMode of(String keras) {
    if (keras == null) {
      return null;
    }
    for (LabelMode m : values()) {
      if (m.kerasName().equals(keras)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "labelMode must be one of \"int\", \"categorical\", \"binary\", or null. Received: "
            + keras);
  }

  /** Keras's spelling. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
