package dev.graft.autodiff;

import dev.graft.tensor.Tensor;

/**
 * The gradient rule of one recorded op: given the gradient of the loss with respect to the op's
 * output, returns the gradient with respect to each input, in input order ({@code null} for an
 * input that gets none, such as an integer index or a comparison).
 */
@FunctionalInterface
public interface Backward {
  Tensor[] apply(Tensor upstream);
}
