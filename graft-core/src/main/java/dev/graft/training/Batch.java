package dev.graft.training;

import dev.graft.tensor.Tensor;

/**
 * One batch of training data: inputs, targets, and optional per-sample weights (Keras's {@code (x,
 * y, sample_weight)} tuple). The first axis of each tensor is the batch axis.
 *
 * @param x the model's input, shape {@code (batch, ...)}
 * @param y the targets, shape {@code (batch, ...)}; may be null for {@code predict}
 * @param sampleWeight per-sample weights of shape {@code (batch)}, or null for equal weights
 */
public record Batch(Tensor x, Tensor y, Tensor sampleWeight) {
  public Batch {
    if (x == null) {
      throw new IllegalArgumentException("Batch: x is required");
    }
    int n = x.rank() == 0 ? -1 : x.shape().dim(0);
    if (y != null && (y.rank() == 0 || y.shape().dim(0) != n)) {
      throw new IllegalArgumentException(
          "Batch: x has shape "
              + x.shape()
              + " but y has shape "
              + y.shape()
              + "; both need the same batch size on axis 0");
    }
    if (sampleWeight != null && (sampleWeight.rank() != 1 || sampleWeight.shape().dim(0) != n)) {
      throw new IllegalArgumentException(
          "Batch: sampleWeight must have shape ("
              + n
              + "), one weight per sample, got "
              + sampleWeight.shape());
    }
  }

  /** A batch without sample weights. */
  public static Batch of(Tensor x, Tensor y) {
    return new Batch(x, y, null);
  }

  /** The number of samples. */
  public int size() {
    return x.shape().dim(0);
  }
}
