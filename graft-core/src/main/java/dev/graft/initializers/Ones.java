package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** All ones. */
public final class Ones implements Initializer {
  @Override
  public Tensor create(int[] shape) {
    return Tensor.ones(shape);
  }
}
