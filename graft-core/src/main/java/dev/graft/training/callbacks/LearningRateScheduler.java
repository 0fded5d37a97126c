package dev.graft.training.callbacks;

import dev.graft.optimizers.Optimizer;
import java.util.Map;

/**
 * Sets the learning rate at the start of every epoch from a function of the epoch (from 0) and the
 * current learning rate, as Keras's {@code LearningRateScheduler}; each epoch's rate is added to
 * the epoch logs as {@code learning_rate}.
 *
 * <pre>{@code
 * // Keep the rate for ten epochs, then decay it exponentially.
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * }</pre>
 *
 * The optimizer must have a constant learning rate (see {@link Optimizer#setLearningRate}).
 */
public final class LearningRateScheduler implements Callback {
  /** The schedule: the learning rate for {@code epoch}, given the current one. */
  @FunctionalInterface
  public interface Schedule {
    double apply(int epoch, double learningRate);
  }

  private final Schedule schedule;
  private final int verbose;
  private TrainingContext context;

  public LearningRateScheduler(Schedule schedule) {
    this(schedule, 0);
  }

  /**
   * @param verbose 1 prints the rate set at each epoch
   */
  public LearningRateScheduler(Schedule schedule, int verbose) {
    if (schedule == null) {
      throw new IllegalArgumentException("LearningRateScheduler: the schedule is null");
    }
    this.schedule = schedule;
    this.verbose = verbose;
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    Optimizer optimizer = optimizer();
    double lr = schedule.apply(epoch, optimizer.learningRate());
    if (!Double.isFinite(lr)) {
      throw new IllegalArgumentException(
          "LearningRateScheduler: the schedule returned "
              + lr
              + " for epoch "
              + epoch
              + "; it must return a finite learning rate");
    }
    optimizer.setLearningRate((float) lr);
    if (verbose > 0) {
      Logs.print(
          "\nEpoch "
              + (epoch + 1)
              + ": LearningRateScheduler setting learning rate to "
              + PyFormat.repr(lr)
              + ".");
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Logs.put(logs, "learning_rate", optimizer().learningRate());
  }

  private Optimizer optimizer() {
    Optimizer o = context == null ? null : context.optimizer();
    if (o == null) {
      throw new IllegalStateException(
          "LearningRateScheduler: no optimizer; use the callback in fit on a compiled model");
    }
    return o;
  }
}
