package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Categorical cross-entropy over the last axis with one-hot (or soft) labels, as Keras's: {@code
 * -sum(y * log(p))}.
 *
 * <p>With {@code fromLogits} {@code log p} is the log-softmax of the predictions. Otherwise the
 * predictions are first divided by their sum over the last axis, then clipped to {@code [1e-7, 1 -
 * 1e-7]}, as Keras does. Label smoothing {@code s} over {@code C} classes replaces the labels with
 * {@code y * (1 - s) + s / C}.
 */
public final class CategoricalCrossentropy extends Loss {
  private final boolean fromLogits;
  private final float labelSmoothing;

  /** Keras's defaults: probabilities, no label smoothing. */
  public CategoricalCrossentropy() {
    this(false, 0f);
  }

  public CategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, 0f);
  }

  public CategoricalCrossentropy(boolean fromLogits, float labelSmoothing) {
    super("categorical_crossentropy");
    this.fromLogits = fromLogits;
    this.labelSmoothing = checkSmoothing("CategoricalCrossentropy", labelSmoothing);
  }

  public boolean fromLogits() {
    return fromLogits;
  }

  public float labelSmoothing() {
    return labelSmoothing;
  }

  @Override
  public Tensor perSample(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameShape(yTrue, yPred);
    Tensor x = t[1];
    int classes = x.shape().dim(x.rank() - 1);
    Tensor y = smoothLabels(t[0], labelSmoothing, labelSmoothing / classes);
    return Ops.neg(Ops.sum(Ops.mul(y, logProbabilities(x, fromLogits)), false, -1));
  }

  /** {@code log p} over the last axis, from logits or (normalized and clipped) probabilities. */
  static Tensor logProbabilities(Tensor x, boolean fromLogits) {
    if (fromLogits) {
      return Ops.logSoftmax(x, -1);
    }
    Tensor normalized = Ops.div(x, Ops.sum(x, true, -1));
    return Ops.log(clipProbabilities(normalized));
  }
}
