package dev.graft.layers.merging;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** The elementwise product of its inputs (Keras's {@code Multiply}). */
public final class Multiply extends Merge {
  public Multiply() {
    this(null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code multiply}, ...)
   */
  public Multiply(String name) {
    super(name);
  }

  @Override
  protected Tensor combine(Tensor a, Tensor b) {
    return Ops.mul(a, b);
  }
}
