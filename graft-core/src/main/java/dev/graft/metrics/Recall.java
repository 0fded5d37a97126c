package dev.graft.metrics;

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
public final class Recall extends ConfusionCounts {
  public Recall() {
    this(0.5f);
  }

  public Recall(float threshold) {
    this(threshold, "recall");
  }

  public Recall(float threshold, String name) {
    super(threshold, name);
  }

  @Override
  public double result() {
    return Confusion.divideNoNan(truePositives, truePositives + falseNegatives);
  }

  public double falseNegatives() {
    return falseNegatives;
  }
}
