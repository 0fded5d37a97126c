package dev.graft.regularizers;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code l1 * sum(abs(w)) + l2 * sum(square(w))} (Keras's {@code L1L2}; both factors default to 0).
 * A zero factor contributes no term.
 */
public record L1L2(float l1, float l2) implements Regularizer {
  public L1L2 {
    requireFactor("L1L2", "l1", l1);
    requireFactor("L1L2", "l2", l2);
  }

  public L1L2() {
    this(0f, 0f);
  }

  @Override
  public Tensor penalty(Tensor weight) {
    Tensor total = Tensor.scalar(0);
    if (l1 != 0) {
      total = Ops.add(total, new L1(l1).penalty(weight));
    }
    if (l2 != 0) {
      total = Ops.add(total, new L2(l2).penalty(weight));
    }
    return total;
  }

  static void requireFactor(String regularizer, String what, float value) {
    if (!(value >= 0) || Float.isInfinite(value)) {
      throw new IllegalArgumentException(
          regularizer + ": " + what + " must be a finite non-negative number, got " + value);
    }
  }
}
