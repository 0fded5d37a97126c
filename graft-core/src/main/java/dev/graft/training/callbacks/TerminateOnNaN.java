package dev.graft.training.callbacks;

import java.util.Map;

/**
 * Stops training when a batch's {@code loss} is NaN or infinite, as Keras's {@code TerminateOnNaN}:
 * by asking {@code fit} to stop (other callbacks still get {@code onTrainEnd}), or, with {@code
 * raiseError}, by throwing at once.
 */
public final class TerminateOnNaN implements Callback {
  private final boolean raiseError;
  private TrainingContext context;

  public TerminateOnNaN() {
    this(false);
  }

  /**
   * @param raiseError throw an {@link IllegalStateException} instead of stopping gracefully
   */
  public TerminateOnNaN(boolean raiseError) {
    this.raiseError = raiseError;
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    Double loss = logs == null ? null : logs.get("loss");
    if (loss == null || Double.isFinite(loss)) {
      return;
    }
    if (raiseError) {
      throw new IllegalStateException(
          "NaN or Inf loss encountered at batch "
              + batch
              + ". Loss value: "
              + PyFormat.repr(loss)
              + ". Terminating training immediately.");
    }
    Logs.print("Batch " + batch + ": Invalid loss, terminating training");
    if (context == null) {
      throw new IllegalStateException(
          "TerminateOnNaN: no training context; pass the callback to fit");
    }
    context.stopTraining();
  }
}
