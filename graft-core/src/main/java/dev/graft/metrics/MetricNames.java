package dev.graft.metrics;

/** Checks of the names and settings shared by the metrics. */
final class MetricNames {
  private MetricNames() {}

  static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "a metric name must be a non-empty string, such as \"accuracy\"");
    }
    return name;
  }

  static float checkThreshold(String metric, float threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          metric
              + ": the threshold must be in [0, 1], got "
              + threshold
              + "; for a model that outputs logits, Keras suggests 0 (the same as 0.5 on"
              + " probabilities)");
    }
    return threshold;
  }
}
