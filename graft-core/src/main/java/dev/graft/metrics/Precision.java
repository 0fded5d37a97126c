package dev.graft.metrics;

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
public final class Precision extends ConfusionCounts {
  public Precision() {
    this(0.5f);
  }

  public Precision(float threshold) {
    this(threshold, "precision");
  }

  public Precision(float threshold, String name) {
    super(threshold, name);
  }

  @Override
  public double result() {
    return Confusion.divideNoNan(truePositives, truePositives + falsePositives);
  }

  public double falsePositives() {
    return falsePositives;
  }
}
