package dev.graft.cli.train;

import dev.graft.training.callbacks.Callback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the run's {@link TrainState} after every epoch; it runs after the checkpoint callback, so
 * the state never names an epoch whose checkpoint is missing. With a stop count (the hidden {@code
 * --stop-after-epochs}, which simulates a killed run) it ends training after that many epochs.
 */
final class EpochRecorder implements Callback {
  private final Path file;
  private final int stopAfter;
  private TrainState state;
  private int epochsThisRun;
  private long epochStart;
  private boolean stopped;
  private Runnable stopTraining = () -> {};

  /**
   * @param stopAfter stop after this many epochs of this process (both phases), 0 for never
   */
  EpochRecorder(Path file, TrainState state, int stopAfter) {
    this.file = file;
    this.state = state;
    this.stopAfter = stopAfter;
  }

  @Override
  public void setContext(dev.graft.training.callbacks.TrainingContext context) {
    stopTraining = context::stopTraining;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    epochStart = System.nanoTime();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    state = state.afterEpoch(logs, (System.nanoTime() - epochStart) / 1e9);
    save(state);
    epochsThisRun++;
    if (stopAfter > 0 && epochsThisRun >= stopAfter) {
      stopped = true;
      stopTraining.run();
    }
  }

  TrainState state() {
    return state;
  }

  /** Replaces the state (between phases) and writes it. */
  void update(TrainState next) {
    state = next;
    save(next);
  }

  boolean stopped() {
    return stopped;
  }

  private void save(TrainState s) {
    try {
      s.write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training state " + file, e);
    }
  }
}
