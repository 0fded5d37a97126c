package dev.graft.training.callbacks;

import java.util.Map;

/** Small helpers shared by the callbacks. */
final class Logs {
  private static final System.Logger LOG = System.getLogger("dev.graft");

  private Logs() {}

  /** The monitored value, or null (with a warning naming the available keys) when absent. */
  static Double monitored(Map<String, Double> logs, String monitor, String what) {
    Double v = logs == null ? null : logs.get(monitor);
    if (v == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          what
              + " is conditioned on metric `"
              + monitor
              + "` which is not available. Available metrics are: "
              + (logs == null ? "" : String.join(",", logs.keySet())));
    }
    return v;
  }

  /**
   * Adds {@code key} to the epoch's logs, as Keras's callbacks add {@code learning_rate}; {@code
   * fit} passes a mutable map so that History and the loggers that run later see it. Read-only maps
   * (a hand-driven callback) are left alone.
   */
  static void put(Map<String, Double> logs, String key, double value) {
    if (logs == null) {
      return;
    }
    try {
      logs.put(key, value);
    } catch (UnsupportedOperationException e) {
      // An immutable map: nothing to record into.
    }
  }

  /** Prints a verbose message, as Keras's {@code io_utils.print_msg}. */
  static void print(String message) {
    System.out.println(message);
  }
}
