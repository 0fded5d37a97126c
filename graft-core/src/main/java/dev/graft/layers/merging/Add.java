package dev.graft.layers.merging;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** The elementwise sum of its inputs (Keras's {@code Add}), e.g. a residual connection. */
public final class Add extends Merge {
  public Add() {
    this(null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code add}, ...)
   */
  public Add(String name) {
    super(name);
  }

  @Override
  protected Tensor combine(Tensor a, Tensor b) {
    return Ops.add(a, b);
  }
}
