package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * The Huber loss, as Keras's: with {@code e = yPred - yTrue}, {@code 0.5 * e^2} where {@code |e| <=
 * delta} and {@code delta * |e| - 0.5 * delta^2} elsewhere, averaged over the last axis.
 */
public final class Huber extends Loss {
  private final float delta;

  /** Keras's default {@code delta = 1}. */
  public Huber() {
    this(1f);
  }

  public Huber(float delta) {
    super("huber_loss");
    if (!(delta >= 0) || Float.isInfinite(delta)) {
      throw new IllegalArgumentException(
          "Huber: delta must be finite and non-negative, got " + delta);
    }
    this.delta = delta;
  }

  public float delta() {
    return delta;
  }

  @Override
  public Tensor perSample(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameShape(yTrue, yPred);
    Tensor error = Ops.sub(t[1], t[0]);
    Tensor abs = Ops.abs(error);
    Tensor quadratic = Ops.mul(Tensor.scalar(0.5f), Ops.square(error));
    Tensor linear =
        Ops.sub(Ops.mul(Tensor.scalar(delta), abs), Tensor.scalar(0.5f * delta * delta));
    Tensor inside = Ops.lessEqual(Ops.stopGradient(abs), Tensor.scalar(delta));
    return Ops.mean(Ops.where(inside, quadratic, linear), false, -1);
  }
}
