package dev.graft.training.callbacks;

import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;

/** What a callback may see and steer while a model trains. */
public interface TrainingContext {
  Model model();

  /** The compiled optimizer ({@code null} outside {@code fit}). */
  Optimizer optimizer();

  /** The number of epochs {@code fit} was asked for. */
  int epochs();

  /** Steps (batches) per epoch, or -1 when unknown. */
  int stepsPerEpoch();

  /**
   * Asks {@code fit} to stop after the current epoch (Keras's {@code model.stop_training = True}).
   */
  void stopTraining();

  boolean isStopRequested();
}
