package dev.graft.regularizers;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code l2 * sum(square(w))} (Keras's {@code L2}, without a factor 1/2; default factor 0.01).
 *
 * @param l2 the non-negative factor
 */
public record L2(float l2) implements Regularizer {
  public L2 {
    L1L2.requireFactor("L2", "l2", l2);
  }

  public L2() {
    this(0.01f);
  }

  @Override
  public Tensor penalty(Tensor weight) {
    return Ops.mul(Tensor.scalar(l2), Ops.sum(Ops.square(weight)));
  }
}
