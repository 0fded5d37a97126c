package dev.graft.regularizers;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code l1 * sum(abs(w))} (Keras's {@code L1}; default factor 0.01).
 *
 * @param l1 the non-negative factor
 */
public record L1(float l1) implements Regularizer {
  public L1 {
    L1L2.requireFactor("L1", "l1", l1);
  }

  public L1() {
    this(0.01f);
  }

  @Override
  public Tensor penalty(Tensor weight) {
    return Ops.mul(Tensor.scalar(l1), Ops.sum(Ops.abs(weight)));
  }
}
