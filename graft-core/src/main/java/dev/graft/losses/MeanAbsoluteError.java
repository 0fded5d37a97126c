package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** {@code mean(|yTrue - yPred|)} over the last axis, per sample, as Keras's. */
public final class MeanAbsoluteError extends Loss {
  public MeanAbsoluteError() {
    super("mean_absolute_error");
  }

  @Override
  public Tensor perSample(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameShape(yTrue, yPred);
    return Ops.mean(Ops.abs(Ops.sub(t[0], t[1])), false, -1);
  }
}
