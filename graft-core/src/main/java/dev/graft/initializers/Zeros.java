package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** All zeros. */
public final class Zeros implements Initializer {
  @Override
  public Tensor create(int[] shape) {
    return Tensor.zeros(shape);
  }
}
