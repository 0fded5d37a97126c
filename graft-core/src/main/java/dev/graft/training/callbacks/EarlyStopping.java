package dev.graft.training.callbacks;

import dev.graft.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras 3's {@code
 * EarlyStopping}.
 *
 * <pre>{@code
 * EarlyStopping stop =
 *     EarlyStopping.builder().monitor("val_loss").patience(3).restoreBestWeights(true).build();
 * }</pre>
 *
 * <p>At each epoch end (from {@code startFromEpoch} on, and only when the monitored value is in the
 * logs) the wait counter goes up by one; a value better than the best so far by more than {@code
 * minDelta} becomes the new best and, if it also beats {@code baseline}, resets the wait. Once the
 * wait reaches {@code patience} (and the epoch is not the first), training is asked to stop.
 *
 * <p>With {@code restoreBestWeights}, the weights of the best epoch are copied at that epoch's end
 * and put back when training ends, whether it stopped early or ran all its epochs (Keras 3; Keras 2
 * restored only after stopping early). If no epoch beat the first monitored one, the first
 * monitored epoch's weights are restored.
 */
public final class EarlyStopping implements Callback {
  private final String monitor;
  private final double minDelta;
  private final int patience;
  private final int verbose;
  private final Double baseline;
  private final boolean restoreBestWeights;
  private final int startFromEpoch;
  private final boolean maximize;

  private TrainingContext context;
  private int wait;
  private int stoppedEpoch;
  private double best;
  private int bestEpoch;
  private List<Tensor> bestWeights;

  private EarlyStopping(Builder b) {
    this.monitor = b.monitor;
    this.minDelta = Math.abs(b.minDelta);
    this.patience = b.patience;
    this.verbose = b.verbose;
    this.baseline = b.baseline;
    this.restoreBestWeights = b.restoreBestWeights;
    this.startFromEpoch = b.startFromEpoch;
    this.maximize = b.mode.maximizes(monitor, "EarlyStopping");
    reset();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    reset();
  }

  private void reset() {
    wait = 0;
    stoppedEpoch = 0;
    best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    bestEpoch = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = Logs.monitored(logs, monitor, "Early stopping");
    if (current == null || epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      // Until something improves, the first monitored epoch's weights are the best.
      bestWeights = context().model().getWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (isImprovement(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = context().model().getWeights();
      }
      if (baseline == null || isImprovement(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      context().stopTraining();
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbose > 0) {
      Logs.print("Epoch " + (stoppedEpoch + 1) + ": early stopping");
    }
    if (restoreBestWeights && bestWeights != null) {
      if (verbose > 0) {
        Logs.print(
            "Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
      }
      context().model().setWeights(bestWeights);
    }
  }

  private boolean isImprovement(double value, double reference) {
    return maximize ? value - minDelta > reference : value + minDelta < reference;
  }

  private TrainingContext context() {
    if (context == null) {
      throw new IllegalStateException(
          "EarlyStopping: no training context; pass the callback to fit, or call setContext"
              + " before driving it by hand");
    }
    return context;
  }

  /** The epoch (0-based) at which training was asked to stop, or 0 if it was not. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The epoch (0-based) of the best monitored value so far. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best monitored value so far (infinite before the first). */
  public double best() {
    return best;
  }

  /** The number of monitored epochs since the last improvement that also beat the baseline. */
  public int waitCount() {
    return wait;
  }

  /** Settings, with Keras's defaults. */
  public static final class Builder {
    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private int verbose;
    private MonitorMode mode = MonitorMode.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Builder() {}

    /** The quantity in the epoch logs to watch; default {@code val_loss}. */
    public Builder monitor(String monitor) {
      if (monitor == null || monitor.isEmpty()) {
        throw new IllegalArgumentException("EarlyStopping: monitor must be a metric name");
      }
      this.monitor = monitor;
      return this;
    }

    /** The smallest change that counts as an improvement (its absolute value); default 0. */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs without improvement before stopping; default 0. */
    public Builder patience(int patience) {
      this.patience = nonNegative("patience", patience);
      return this;
    }

    /** 1 prints when training stops and when weights are restored; default 0. */
    public Builder verbose(int verbose) {
      this.verbose = verbose;
      return this;
    }

    public Builder mode(MonitorMode mode) {
      if (mode == null) {
        throw new IllegalArgumentException("EarlyStopping: mode must be AUTO, MIN or MAX");
      }
      this.mode = mode;
      return this;
    }

    /** Training stops after {@code patience} epochs unless the quantity beats this value. */
    public Builder baseline(double baseline) {
      this.baseline = baseline;
      return this;
    }

    /** Puts back the best epoch's weights when training ends; default false. */
    public Builder restoreBestWeights(boolean restore) {
      this.restoreBestWeights = restore;
      return this;
    }

    /** Epochs of warm-up before monitoring starts; default 0. */
    public Builder startFromEpoch(int epoch) {
      this.startFromEpoch = nonNegative("startFromEpoch", epoch);
      return this;
    }

    /**
     * @throws IllegalArgumentException if the mode is {@link MonitorMode#AUTO} and the monitored
     *     name does not tell the direction
     */
    public EarlyStopping build() {
      return new EarlyStopping(this);
    }

    private static int nonNegative(String what, int v) {
      if (v < 0) {
        throw new IllegalArgumentException("EarlyStopping: " + what + " must be >= 0, got " + v);
      }
      return v;
    }
  }
}
