package dev.graft.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Automatic layer names, as Keras gives them: the first {@code Dense} is {@code dense}, then {@code
 * dense_1}, {@code dense_2}, ... per JVM. {@link #reset()} starts over, as Keras's {@code
 * clear_session()}.
 */
public final class LayerNames {
  private static final Map<String, Integer> COUNTS = new HashMap<>();

  private LayerNames() {}

  /** A name not handed out before for this prefix. */
  public static synchronized String unique(String prefix) {
    int n = COUNTS.merge(prefix, 1, Integer::sum) - 1;
    return n == 0 ? prefix : prefix + "_" + n;
  }

  /** Forgets the names handed out so far. */
  public static synchronized void reset() {
    COUNTS.clear();
  }

  /** Keras's snake case: {@code BatchNormalization -> batch_normalization, Conv2D -> conv2d}. */
  public static String snakeCase(String className) {
    String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
    return s.toLowerCase(java.util.Locale.ROOT);
  }
}
