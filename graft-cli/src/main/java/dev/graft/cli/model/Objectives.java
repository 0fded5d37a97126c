package dev.graft.cli.model;

import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.Loss;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.metrics.BinaryAccuracy;
import dev.graft.metrics.Metric;
import dev.graft.metrics.SparseCategoricalAccuracy;

/**
 * The loss and accuracy of graft train's models, which output logits: one logit and binary
 * cross-entropy for two classes, one logit per class and sparse categorical cross-entropy
 * otherwise.
 */
public final class Objectives {
  private Objectives() {}

  /** The loss for {@code classes} classes, from logits. */
  public static Loss loss(int classes) {
    return classes == 2 ? new BinaryCrossentropy(true) : new SparseCategoricalCrossentropy(true);
  }

  /**
   * Accuracy named {@code accuracy}; for two classes a logit counts as class 1 when positive, which
   * is a probability above 0.5.
   */
  public static Metric accuracy(int classes) {
    return classes == 2
        ? new BinaryAccuracy(0f, "accuracy")
        : new SparseCategoricalAccuracy("accuracy");
  }
}
