package dev.graft.training.callbacks;

import java.util.Locale;

/**
 * Whether a monitored quantity improves by going down ({@link #MIN}) or up ({@link #MAX}); {@link
 * #AUTO} infers it from the name, as Keras's {@code mode="auto"}.
 */
public enum MonitorMode {
  AUTO,
  MIN,
  MAX;

  /**
   * Whether {@code monitor} is to be maximized, for {@code EarlyStopping} and {@code
   * ModelCheckpoint}. Keras 3 asks the compiled metric for its direction; graft's metrics do not
   * carry one, so {@link #AUTO} reads the name (without a {@code val_} prefix): {@code loss} and
   * names with {@code loss}, {@code error} or {@code crossentropy} are minimized; names with {@code
   * acc}, {@code auc}, {@code precision} or {@code recall} are maximized. Any other name needs an
   * explicit mode, as in Keras.
   *
   * @throws IllegalArgumentException for {@link #AUTO} and a name whose direction is unknown
   */
  boolean maximizes(String monitor, String callback) {
    if (this != AUTO) {
      return this == MAX;
    }
    String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
    name = name.toLowerCase(Locale.ROOT);
    if (name.contains("acc")
        || name.contains("auc")
        || name.contains("precision")
        || name.contains("recall")) {
      return true;
    }
    if (name.contains("loss") || name.contains("error") || name.contains("crossentropy")) {
      return false;
    }
    throw new IllegalArgumentException(
        callback
            + " received monitor="
            + monitor
            + ", but graft cannot tell whether that metric should be maximized or minimized."
            + " Pass mode MAX to monitor the highest value, or MIN to monitor the lowest.");
  }
}
