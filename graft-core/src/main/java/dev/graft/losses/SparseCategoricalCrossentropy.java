package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * Categorical cross-entropy with integer class labels, as Keras's: {@code -log p[label]} over the
 * last axis of the predictions. Labels have the predictions' shape without the class axis (or with
 * a class axis of 1) and hold whole numbers in {@code [0, classes)}. Predictions are logits with
 * {@code fromLogits}, otherwise probabilities, normalized and clipped as in {@link
 * CategoricalCrossentropy}.
 */
public final class SparseCategoricalCrossentropy extends Loss {
  private final boolean fromLogits;

  /** Keras's default: probabilities. */
  public SparseCategoricalCrossentropy() {
    this(false);
  }

  public SparseCategoricalCrossentropy(boolean fromLogits) {
    super("sparse_categorical_crossentropy");
    this.fromLogits = fromLogits;
  }

  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public Tensor perSample(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameRank(yTrue, yPred);
    Tensor labels = t[0];
    Tensor x = t[1];
    if (x.rank() < 1) {
      throw new IllegalArgumentException(
          "SparseCategoricalCrossentropy: yPred must have a class axis, got shape " + x.shape());
    }
    if (labels.rank() == x.rank() && labels.shape().dim(labels.rank() - 1) == 1) {
      labels = Ops.reshape(labels, Arrays.copyOf(labels.shape().dims(), labels.rank() - 1));
    }
    int[] expected = Arrays.copyOf(x.shape().dims(), x.rank() - 1);
    if (!Arrays.equals(labels.shape().dims(), expected)) {
      throw new IllegalArgumentException(
          "SparseCategoricalCrossentropy: labels must have yPred's shape without its last (class)"
              + " axis; got yTrue "
              + yTrue.shape()
              + " and yPred "
              + yPred.shape());
    }
    int classes = x.shape().dim(x.rank() - 1);
    for (float v : labels.toFloatArray()) {
      if (v != Math.rint(v) || v < 0 || v >= classes) {
        throw new IllegalArgumentException(
            "SparseCategoricalCrossentropy: label "
                + v
                + " is not a class index in [0, "
                + classes
                + "); for one-hot labels use CategoricalCrossentropy");
      }
    }
    Tensor oneHot = Ops.oneHot(labels, classes);
    Tensor logP = CategoricalCrossentropy.logProbabilities(x, fromLogits);
    return Ops.neg(Ops.sum(Ops.mul(oneHot, logP), false, -1));
  }
}
