package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Binary cross-entropy, averaged over the last axis per sample, as Keras's.
 *
 * <p>With {@code fromLogits} the predictions are logits and the loss is computed stably as {@code
 * softplus(x) - x * y}, exact for logits of any size. Otherwise they are probabilities, clipped to
 * {@code [1e-7, 1 - 1e-7]} before the logarithms, as Keras does. Label smoothing {@code s} replaces
 * the labels with {@code y * (1 - s) + 0.5 * s}.
 */
public final class BinaryCrossentropy extends Loss {
  private final boolean fromLogits;
  private final float labelSmoothing;

  /** Keras's defaults: probabilities, no label smoothing. */
  public BinaryCrossentropy() {
    this(false, 0f);
  }

  public BinaryCrossentropy(boolean fromLogits) {
    this(fromLogits, 0f);
  }

  public BinaryCrossentropy(boolean fromLogits, float labelSmoothing) {
    super("binary_crossentropy");
    this.fromLogits = fromLogits;
    this.labelSmoothing = checkSmoothing("BinaryCrossentropy", labelSmoothing);
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
    Tensor y = smoothLabels(t[0], labelSmoothing, 0.5f * labelSmoothing);
    Tensor x = t[1];
    Tensor elementwise;
    if (fromLogits) {
      elementwise = Ops.sub(Ops.softplus(x), Ops.mul(x, y));
    } else {
      Tensor p = clipProbabilities(x);
      Tensor one = Tensor.scalar(1f);
      elementwise =
          Ops.neg(
              Ops.add(Ops.mul(y, Ops.log(p)), Ops.mul(Ops.sub(one, y), Ops.log(Ops.sub(one, p)))));
    }
    return Ops.mean(elementwise, false, -1);
  }
}
