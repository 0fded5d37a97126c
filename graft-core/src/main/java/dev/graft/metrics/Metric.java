package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * A stateful metric, as Keras's: {@link #update} accumulates over batches, {@link #result} reads
 * the value so far, {@link #reset} starts over (at each epoch). Updates are never differentiated.
 */
public interface Metric {
  /**
   * The name shown in the progress bar and in {@code History}, Keras's (e.g. {@code
   * binary_accuracy}).
   */
  String name();

  /**
   * Accumulates one batch.
   *
   * @param sampleWeight per-sample weights, or {@code null} for equal weights
   */
  void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

  /** The value over everything accumulated since the last reset. */
  double result();

  void reset();
}
