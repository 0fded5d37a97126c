package dev.graft.training.callbacks;

import java.util.Map;

/**
 * Hooks into {@code fit}, {@code evaluate} and {@code predict}, as Keras's callbacks. {@code logs}
 * maps metric names ({@code loss}, {@code val_loss}, {@code binary_accuracy}, ...) to values; epoch
 * and batch numbers start at 0. Every hook is optional.
 */
public interface Callback {
  /** Called once before training starts, with access to the model and the loop. */
  default void setContext(TrainingContext context) {}

  default void onTrainBegin(Map<String, Double> logs) {}

  default void onTrainEnd(Map<String, Double> logs) {}

  default void onEpochBegin(int epoch, Map<String, Double> logs) {}

  default void onEpochEnd(int epoch, Map<String, Double> logs) {}

  default void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

  default void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

  default void onTestBegin(Map<String, Double> logs) {}

  default void onTestEnd(Map<String, Double> logs) {}

  default void onTestBatchBegin(int batch, Map<String, Double> logs) {}

  default void onTestBatchEnd(int batch, Map<String, Double> logs) {}

  default void onPredictBegin(Map<String, Double> logs) {}

  default void onPredictEnd(Map<String, Double> logs) {}

  default void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

  default void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
