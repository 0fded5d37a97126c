package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** Creates the initial value of a weight of a given shape (Keras's {@code initializers}). */
@FunctionalInterface
public interface Initializer {
  Tensor create(int[] shape);
}
