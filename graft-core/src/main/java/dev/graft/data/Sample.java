package dev.graft.data;

import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;

/**
 * An {@code (x, y)} pair, the element of {@link Dataset#fromArrays}. Batching samples stacks both
 * parts; {@link #toBatch()} turns a batched sample into the {@link Batch} that {@code fit} takes.
 *
 * @param x the input
 * @param y the target
 */
public record Sample(Tensor x, Tensor y) {
  public Sample {
    if (x == null || y == null) {
      throw new IllegalArgumentException("Sample: x and y are both required");
    }
  }

  /** This sample as a batch; x and y must already carry a batch axis 0. */
  public Batch toBatch() {
    return Batch.of(x, y);
  }
}
