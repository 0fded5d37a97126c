package dev.graft.regularizers;

import dev.graft.tensor.Tensor;

/**
 * A weight penalty added to the training loss (Keras's {@code regularizers}). Computed with ops, so
 * it is differentiated when evaluated inside a {@link dev.graft.autodiff.GradientTape}.
 */
@FunctionalInterface
public interface Regularizer {
  /** The scalar penalty for {@code weight}. */
  Tensor penalty(Tensor weight);
}
