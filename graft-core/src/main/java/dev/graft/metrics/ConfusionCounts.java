package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * The weighted true-positive, false-positive and false-negative counts at one threshold, shared by
 * {@link Precision} and {@link Recall}. A prediction is positive when it is strictly greater than
 * the threshold, a label when it is non-zero.
 */
abstract class ConfusionCounts implements Metric {
  private final String name;
  private final float threshold;
  double truePositives;
  double falsePositives;
  double falseNegatives;

  ConfusionCounts(float threshold, String name) {
    this.name = MetricNames.check(name);
    this.threshold = MetricNames.checkThreshold(name, threshold);
  }

  public final float threshold() {
    return threshold;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    Confusion c = Confusion.of(name, yTrue, yPred, sampleWeight);
    for (int i = 0; i < c.size(); i++) {
      boolean predicted = c.predictions[i] > threshold;
      if (predicted && c.positive[i]) {
        truePositives += c.weight(i);
      } else if (predicted) {
        falsePositives += c.weight(i);
      } else if (c.positive[i]) {
        falseNegatives += c.weight(i);
      }
    }
  }

  @Override
  public final void reset() {
    truePositives = 0;
    falsePositives = 0;
    falseNegatives = 0;
  }

  public final double truePositives() {
    return truePositives;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ", threshold=" + threshold + ")";
  }
}
