package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * The fraction of positive labels predicted positive, {@code tp / (tp + fn)}, as Keras's {@code
 * keras.metrics.Recall}; named {@code recall} by default. A prediction is positive when it is
 * strictly greater than the threshold (0.5 by default, which must lie in [0, 1]), a label when it
 * is non-zero; every prediction of a multi-output model counts, weighted by its sample's weight.
 * With no positive label so far the result is 0, as Keras's.
 *
 * <p>The threshold applies to the raw predictions: for a model that outputs logits, Keras advises a
 * threshold of 0.
 */
public final class Recall implements Metric {
  private final String name;
  private final float threshold;
  private double truePositives;
  private double falseNegatives;

  public Recall() {
    this(0.5f);
  }

  public Recall(float threshold) {
    this(threshold, "recall");
  }

  public Recall(float threshold, String name) {
    this.name = MetricNames.check(name);
    this.threshold = MetricNames.checkThreshold(name, threshold);
  }

  public float threshold() {
    return threshold;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    Confusion c = Confusion.of(name, yTrue, yPred, sampleWeight);
    for (int i = 0; i < c.size(); i++) {
      if (c.positive[i]) {
        if (c.predictions[i] > threshold) {
          truePositives += c.weight(i);
        } else {
          falseNegatives += c.weight(i);
        }
      }
    }
  }

  @Override
  public double result() {
    return Confusion.divideNoNan(truePositives, truePositives + falseNegatives);
  }

  @Override
  public void reset() {
    truePositives = 0;
    falseNegatives = 0;
  }

  public double truePositives() {
    return truePositives;
  }

  public double falseNegatives() {
    return falseNegatives;
  }

  @Override
  public String toString() {
    return "Recall(" + name + ", threshold=" + threshold + ")";
  }
}
