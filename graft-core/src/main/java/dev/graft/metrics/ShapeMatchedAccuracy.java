package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * The {@code "accuracy"} of Keras 3's {@code compile} when the loss does not decide: on the first
 * update it becomes {@link BinaryAccuracy} when the predictions' last axis is 1, {@link
 * SparseCategoricalAccuracy} when the labels have fewer axes than the predictions or end in an axis
 * of 1 while the predictions do not, else {@link CategoricalAccuracy}; it keeps that choice until
 * it is discarded.
 */
final class ShapeMatchedAccuracy implements Metric {
  private final String name;
  private Metric chosen;

  ShapeMatchedAccuracy(String name) {
    this.name = MetricNames.check(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The accuracy chosen from the first batch's shapes, or null before the first update. */
  Metric chosen() {
    return chosen;
  }

  static Metric choose(String name, Tensor yTrue, Tensor yPred) {
    int trueRank = yTrue.rank();
    int predRank = yPred.rank();
    int trueLast = trueRank == 0 ? 1 : yTrue.shape().dim(trueRank - 1);
    int predLast = predRank == 0 ? 1 : yPred.shape().dim(predRank - 1);
    if (predLast == 1) {
      return new BinaryAccuracy(0.5f, name);
    }
    if (trueRank < predRank || (trueLast == 1 && predLast > 1)) {
      return new SparseCategoricalAccuracy(name);
    }
    return new CategoricalAccuracy(name);
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    if (chosen == null) {
      chosen = choose(name, yTrue, yPred);
    }
    chosen.update(yTrue, yPred, sampleWeight);
  }

  @Override
  public double result() {
    return chosen == null ? 0 : chosen.result();
  }

  @Override
  public void reset() {
    if (chosen != null) {
      chosen.reset();
    }
  }

  @Override
  public String toString() {
    return "Accuracy("
        + name
        + ", "
        + (chosen == null ? "chosen on the first batch" : chosen)
        + ")";
  }
}
