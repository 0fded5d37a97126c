package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * The fraction of positive predictions that are right, {@code tp / (tp + fp)}, as Keras's {@code
 * keras.metrics.Precision}; named {@code precision} by default. A prediction is positive when it is
 * strictly greater than the threshold (0.5 by default, which must lie in [0, 1]), a label when it
 * is non-zero; every prediction of a multi-output model counts, weighted by its sample's weight.
 * With no positive prediction so far the result is 0, as Keras's.
 *
 * <p>The threshold applies to the raw predictions: for a model that outputs logits, Keras advises a
 * threshold of 0.
 */
public final class Precision implements Metric {
  private final String name;
  private final float threshold;
  private double truePositives;
  private double falsePositives;

  public Precision() {
    this(0.5f);
  }

  public Precision(float threshold) {
    this(threshold, "precision");
  }

  public Precision(float threshold, String name) {
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
      if (c.predictions[i] > threshold) {
        if (c.positive[i]) {
          truePositives += c.weight(i);
        } else {
          falsePositives += c.weight(i);
        }
      }
    }
  }

  @Override
  public double result() {
    return Confusion.divideNoNan(truePositives, truePositives + falsePositives);
  }

  @Override
  public void reset() {
    truePositives = 0;
    falsePositives = 0;
  }

  public double truePositives() {
    return truePositives;
  }

  public double falsePositives() {
    return falsePositives;
  }

  @Override
  public String toString() {
    return "Precision(" + name + ", threshold=" + threshold + ")";
  }
}
