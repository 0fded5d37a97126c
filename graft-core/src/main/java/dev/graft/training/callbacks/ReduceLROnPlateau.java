package dev.graft.training.callbacks;

import dev.graft.optimizers.Optimizer;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored quantity has stopped improving, as Keras's {@code
 * ReduceLROnPlateau}.
 *
 * <pre>{@code
 * ReduceLROnPlateau reduce =
 *     ReduceLROnPlateau.builder().monitor("val_loss").factor(0.2).patience(5).minLr(1e-3).build();
 * }</pre>
 *
 * <p>At each epoch end the current learning rate is added to the logs as {@code learning_rate}. A
 * value better than the best by more than {@code minDelta} becomes the best and resets the wait;
 * otherwise, outside a cooldown, the wait grows, and when it reaches {@code patience} the learning
 * rate becomes {@code max(lr * factor, minLr)} (if it is above {@code minLr}), the wait restarts
 * and a cooldown of {@code cooldown} epochs begins, during which the wait stays at 0.
 *
 * <p>{@link MonitorMode#AUTO} maximizes names containing {@code acc} and minimizes all others,
 * exactly Keras's rule for this callback. The optimizer must have a constant learning rate (see
 * {@link Optimizer#setLearningRate}).
 */
public final class ReduceLROnPlateau implements Callback {
  private final String monitor;
  private final double factor;
  private final int patience;
  private final int verbose;
  private final boolean maximize;
  private final double minDelta;
  private final int cooldown;
  private final double minLr;

  private TrainingContext context;
  private double best;
  private int wait;
  private int cooldownCounter;

  private ReduceLROnPlateau(Builder b) {
    if (b.factor >= 1.0) {
      throw new IllegalArgumentException(
          "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + b.factor);
    }
    this.monitor = b.monitor;
    this.factor = b.factor;
    this.patience = b.patience;
    this.verbose = b.verbose;
    this.maximize =
        b.mode == MonitorMode.MAX || (b.mode == MonitorMode.AUTO && monitor.contains("acc"));
    this.minDelta = b.minDelta;
    this.cooldown = b.cooldown;
    this.minLr = b.minLr;
    reset();
  }

  public static Builder builder() {
    return new Builder();
  }

  private void reset() {
    best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    wait = 0;
    cooldownCounter = 0;
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    reset();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Optimizer optimizer = optimizer();
    Logs.put(logs, "learning_rate", optimizer.learningRate());
    Double current = Logs.monitored(logs, monitor, "Learning rate reduction");
    if (current == null) {
      return;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      wait = 0;
    }
    if (improves(current)) {
      best = current;
      wait = 0;
    } else if (cooldownCounter == 0) {
      wait++;
      if (wait >= patience) {
        double oldLr = optimizer.learningRate();
        if (oldLr > (float) minLr) {
          double newLr = Math.max(oldLr * factor, minLr);
          optimizer.setLearningRate((float) newLr);
          if (verbose > 0) {
            Logs.print(
                "\nEpoch "
                    + (epoch + 1)
                    + ": ReduceLROnPlateau reducing learning rate to "
                    + PyFormat.repr(newLr)
                    + ".");
          }
          cooldownCounter = cooldown;
          wait = 0;
        }
      }
    }
  }

  private boolean improves(double current) {
    return maximize ? current > best + minDelta : current < best - minDelta;
  }

  /** Whether a cooldown is running. */
  public boolean inCooldown() {
    return cooldownCounter > 0;
  }

  private Optimizer optimizer() {
    Optimizer o = context == null ? null : context.optimizer();
    if (o == null) {
      throw new IllegalStateException(
          "ReduceLROnPlateau: no optimizer; use the callback in fit on a compiled model");
    }
    return o;
  }

  /** Settings, with Keras's defaults. */
  public static final class Builder {
    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private MonitorMode mode = MonitorMode.AUTO;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private Builder() {}

    /** The quantity in the epoch logs to watch; default {@code val_loss}. */
    public Builder monitor(String monitor) {
      if (monitor == null || monitor.isEmpty()) {
        throw new IllegalArgumentException("ReduceLROnPlateau: monitor must be a metric name");
      }
      this.monitor = monitor;
      return this;
    }

    /** {@code newLr = lr * factor}; must be below 1; default 0.1. */
    public Builder factor(double factor) {
      this.factor = factor;
      return this;
    }

    /** Epochs without improvement before reducing; default 10. */
    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    /** 1 prints each reduction; default 0. */
    public Builder verbose(int verbose) {
      this.verbose = verbose;
      return this;
    }

    public Builder mode(MonitorMode mode) {
      if (mode == null) {
        throw new IllegalArgumentException("ReduceLROnPlateau: mode must be AUTO, MIN or MAX");
      }
      this.mode = mode;
      return this;
    }

    /** Improvements of at most this much do not count; default 1e-4. */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs after a reduction before the wait counts again; default 0. */
    public Builder cooldown(int cooldown) {
      this.cooldown = cooldown;
      return this;
    }

    /** The learning rate never goes below this; default 0. */
    public Builder minLr(double minLr) {
      this.minLr = minLr;
      return this;
    }

    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}
