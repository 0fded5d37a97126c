package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** {@code mean((yTrue - yPred)^2)} over the last axis, per sample, as Keras's. */
public final class MeanSquaredError extends Loss {
  public MeanSquaredError() {
    super("mean_squared_error");
  }

  @Override
  public Tensor perSample(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameShape(yTrue, yPred);
    return Ops.mean(Ops.square(Ops.sub(t[0], t[1])), false, -1);
  }
}
