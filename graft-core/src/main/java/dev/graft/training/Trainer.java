package dev.graft.training;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.data.Dataset;
import dev.graft.initializers.Seeds;
import dev.graft.losses.Loss;
import dev.graft.metrics.Metric;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.training.callbacks.Callback;
import dev.graft.training.callbacks.TrainingContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training loop of one {@link Model}: what {@code compile}, {@code fit}, {@code evaluate},
 * {@code predict} and the single-batch methods of {@code Model} delegate to.
 *
 * <p><b>Compile captures the trainable state.</b> {@link #compile} records the model's trainable
 * weights at that moment; {@code fit} and {@code trainOnBatch} update exactly those, whatever
 * {@code setTrainable} did since. When the model's trainable weights differ from the captured ones,
 * the first training call after {@code compile} logs one warning (logger {@code
 * dev.graft.training}) saying to call {@code compile()} again, as Keras does.
 *
 * <p><b>One training step</b> (Keras's {@code train_step}): run the model with {@code training =
 * true} under a {@link GradientTape}; loss = compiled loss (with the batch's sample weights) + the
 * sum of {@link Model#losses()} (regularization penalties); gradients for the captured weights;
 * {@link Optimizer#applyGradients}; then the loss tracker (a mean weighted by batch size) and the
 * metrics are updated. {@code evaluate} and {@code testOnBatch} run with {@code training = false}
 * and update the same trackers; {@code predict} runs with {@code training = false}.
 *
 * <p>Metrics accumulate until reset: {@code fit} resets them at the start of every epoch and {@code
 * evaluate} at its start; {@code trainOnBatch} and {@code testOnBatch} reset them before their
 * step, so they return that batch's loss and metrics (what Keras 3 returned for the golden files:
 * the second of two {@code train_on_batch} losses is the second step's loss, not a running mean).
 */
public final class Trainer {
  private static final System.Logger LOG = System.getLogger("dev.graft.training");

  private final Model model;
  private Optimizer optimizer;
  private Loss loss;
  private List<Metric> metrics = List.of();
  private List<Variable> captured;
  private boolean trainableChangeWarned;
  private boolean noWeightsWarned;
  private double lossSum;
  private double lossCount;
  private volatile boolean stopRequested;

  public Trainer(Model model) {
    this.model = model;
  }

  /**
   * Sets the optimizer, loss and metrics, and captures the model's trainable weights as they are
   * now. Call it again after changing {@code trainable} for the change to take effect in training.
   */
  public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    if (optimizer == null || loss == null) {
      throw new IllegalArgumentException(
          "compile: model '"
              + model.name()
              + "' needs an optimizer and a loss, got "
              + optimizer
              + " and "
              + loss);
    }
    this.optimizer = optimizer;
    this.loss = loss;
    this.metrics = List.copyOf(metrics);
    this.captured = List.copyOf(model.trainableWeights());
    this.trainableChangeWarned = false;
    this.noWeightsWarned = false;
    resetMetrics();
  }

  public boolean isCompiled() {
    return optimizer != null;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Loss loss() {
    return loss;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** The weights training updates: the model's trainable weights when it was compiled. */
  public List<Variable> compiledTrainableWeights() {
    requireCompiled("compiledTrainableWeights");
    return captured;
  }

  /** Asks a running {@code fit} to stop after the current batch (Keras's {@code stop_training}). */
  public void stopTraining() {
    stopRequested = true;
  }

  public boolean isStopRequested() {
    return stopRequested;
  }

  /** Resets the loss tracker and every compiled metric. */
  public void resetMetrics() {
    lossSum = 0;
    lossCount = 0;
    for (Metric m : metrics) {
      m.reset();
    }
  }

  // ---- fit ----

  /** Fits on arrays whose first axis holds the samples. */
  public History fit(Tensor x, Tensor y, FitOptions o) {
    if (o.classWeight() != null && o.sampleWeight() != null) {
      throw new IllegalArgumentException(
          "fit: give classWeight or sampleWeight, not both (as Keras); fold the class weights into"
              + " the sample weights instead");
    }
    ArrayData all = new ArrayData(x, y, o.sampleWeight());
    Iterable<Batch> validation = o.validationBatches();
    ArrayData train = all;
    if (validation == null && o.validationSplit() > 0) {
      ArrayData[] parts = all.split(o.validationSplit());
      train = parts[0];
      validation = parts[1].batches(o.batchSize());
    }
    if (o.classWeight() != null) {
      train = train.withClassWeight(o.classWeight());
    }
    ArrayData data = train;
    Rng rng = o.shuffle() ? new Rng(o.seed() != null ? o.seed() : Seeds.next()) : null;
    int steps = (data.size() + o.batchSize() - 1) / o.batchSize();
    return run(() -> data.batches(o.batchSize(), rng), steps, validation, o);
  }

  /**
   * Fits on batches, iterated anew each epoch. {@code batchSize}, {@code shuffle}, {@code
   * validationSplit}, {@code classWeight} and {@code sampleWeight} of the options do not apply: the
   * batches carry their own sample weights.
   */
  public History fit(Iterable<Batch> batches, FitOptions o) {
    if (o.validationSplit() > 0) {
      throw new IllegalArgumentException(
          "fit: validationSplit needs array data; with batches, pass validationData");
    }
    return run(() -> batches, knownSteps(batches), o.validationBatches(), o);
  }

  /**
   * The batches per epoch if known before iterating (a collection, or a {@link Dataset} of known
   * cardinality), else -1: the progress bar then shows {@code n/Unknown} until the first epoch
   * ends, as Keras does for data of unknown length.
   */
  static int knownSteps(Iterable<Batch> batches) {
    if (batches instanceof Collection<?> c) {
      return c.size();
    }
    if (batches instanceof Dataset<?> d) {
      long n = d.cardinality();
      return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : -1;
    }
    return -1;
  }

  private interface EpochSource {
    Iterable<Batch> epoch();
  }

  private History run(
      EpochSource source, int knownSteps, Iterable<Batch> validation, FitOptions o) {
    requireCompiled("fit");
    warnIfTrainableChanged();
    History history = new History();
    List<Callback> callbacks = new ArrayList<>(o.callbacks());
    callbacks.add(history);
    if (o.verbose() != 0) {
      callbacks.add(o.progressBar());
    }
    Run ctx = new Run(o.epochs(), knownSteps);
    for (Callback c : callbacks) {
      c.setContext(ctx);
    }
    stopRequested = false;
    for (Callback c : callbacks) {
      c.onTrainBegin(new LinkedHashMap<>());
    }
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (int epoch = o.initialEpoch(); epoch < o.epochs() && !stopRequested; epoch++) {
      resetMetrics();
      for (Callback c : callbacks) {
        c.onEpochBegin(epoch, new LinkedHashMap<>());
      }
      int step = 0;
      for (Batch b : source.epoch()) {
        for (Callback c : callbacks) {
          c.onTrainBatchBegin(step, new LinkedHashMap<>());
        }
        Map<String, Double> logs = trainStep(b);
        for (Callback c : callbacks) {
          c.onTrainBatchEnd(step, new LinkedHashMap<>(logs));
        }
        step++;
        if (stopRequested) {
          break;
        }
      }
      if (ctx.steps < 0) {
        ctx.steps = step;
      }
      epochLogs = results();
      if (validation != null) {
        for (Map.Entry<String, Double> e : evaluate(validation, callbacks).entrySet()) {
          epochLogs.put("val_" + e.getKey(), e.getValue());
        }
      }
      for (Callback c : callbacks) {
        c.onEpochEnd(epoch, epochLogs);
      }
    }
    for (Callback c : callbacks) {
      c.onTrainEnd(epochLogs);
    }
    return history;
  }

  /** The loop's state as callbacks see it. */
  private final class Run implements TrainingContext {
    private final int epochs;
    private int steps;

    Run(int epochs, int steps) {
      this.epochs = epochs;
      this.steps = steps;
    }

    @Override
    public Model model() {
      return model;
    }

    @Override
    public Optimizer optimizer() {
      return optimizer;
    }

    @Override
    public int epochs() {
      return epochs;
    }

    @Override
    public int stepsPerEpoch() {
      return steps;
    }

    @Override
    public void stopTraining() {
      Trainer.this.stopTraining();
    }

    @Override
    public boolean isStopRequested() {
      return stopRequested;
    }
  }

  // ---- single steps ----

  /** One training step on one batch; returns the batch's loss (before the update) and metrics. */
  public Map<String, Double> trainOnBatch(Batch b) {
    requireCompiled("trainOnBatch");
    warnIfTrainableChanged();
    resetMetrics();
    return trainStep(b);
  }

  /** One evaluation step on one batch; returns the batch's loss and metrics. */
  public Map<String, Double> testOnBatch(Batch b) {
    requireCompiled("testOnBatch");
    resetMetrics();
    return testStep(b);
  }

  /** The model's output in inference mode. */
  public Tensor predictOnBatch(Tensor x) {
    return model.apply(x, false);
  }

  private Map<String, Double> trainStep(Batch b) {
    requireTargets("fit", b);
    List<Variable> vars = captured;
    Tensor yPred;
    Tensor total;
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      // Captured weights frozen since compile still train, so watch them explicitly.
      for (Variable v : vars) {
        tape.watch(v);
      }
      yPred = model.apply(b.x(), true);
      total = totalLoss(b, yPred);
      grads = vars.isEmpty() ? List.of() : tape.gradient(total, vars);
    }
    if (vars.isEmpty()) {
      if (!noWeightsWarned) {
        noWeightsWarned = true;
        LOG.log(
            Level.WARNING,
            "Model '"
                + model.name()
                + "' had no trainable weights when compiled; fit only"
                + " evaluates the loss. Unfreeze some layers and call compile() again.");
      }
    } else {
      optimizer.applyGradients(grads, vars);
    }
    track(b, yPred, total);
    return results();
  }

  private Map<String, Double> testStep(Batch b) {
    requireTargets("evaluate", b);
    Tensor yPred = model.apply(b.x(), false);
    track(b, yPred, totalLoss(b, yPred));
    return results();
  }

  private Tensor totalLoss(Batch b, Tensor yPred) {
    Tensor total = loss.call(b.y(), yPred, b.sampleWeight());
    for (Tensor penalty : model.losses()) {
      total = Ops.add(total, penalty);
    }
    if (total.rank() != 0) {
      total = Ops.mean(total);
    }
    return total;
  }

  private void track(Batch b, Tensor yPred, Tensor total) {
    int n = b.size();
    lossSum += (double) total.item() * n;
    lossCount += n;
    for (Metric m : metrics) {
      m.update(b.y(), yPred, b.sampleWeight());
    }
  }

  private Map<String, Double> results() {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", lossCount == 0 ? 0.0 : lossSum / lossCount);
    for (Metric m : metrics) {
      logs.put(m.name(), m.result());
    }
    return logs;
  }

  // ---- evaluate and predict ----

  /** Loss and metrics over all batches, in inference mode. */
  public Map<String, Double> evaluate(Iterable<Batch> batches) {
    return evaluate(batches, List.of());
  }

  /** Loss and metrics over arrays, in batches of {@code batchSize}. */
  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
    requireBatchSize("evaluate", batchSize);
    return evaluate(new ArrayData(x, y, null).batches(batchSize));
  }

  private Map<String, Double> evaluate(Iterable<Batch> batches, List<Callback> callbacks) {
    requireCompiled("evaluate");
    resetMetrics();
    for (Callback c : callbacks) {
      c.onTestBegin(new LinkedHashMap<>());
    }
    int step = 0;
    Map<String, Double> logs = results();
    for (Batch b : batches) {
      for (Callback c : callbacks) {
        c.onTestBatchBegin(step, new LinkedHashMap<>());
      }
      logs = testStep(b);
      for (Callback c : callbacks) {
        c.onTestBatchEnd(step, new LinkedHashMap<>(logs));
      }
      step++;
    }
    for (Callback c : callbacks) {
      c.onTestEnd(new LinkedHashMap<>(logs));
    }
    return logs;
  }

  /** The model's outputs for every sample, computed in batches and concatenated on axis 0. */
  public Tensor predict(Tensor x, int batchSize) {
    requireBatchSize("predict", batchSize);
    List<Tensor> parts = new ArrayList<>();
    for (Batch b : new ArrayData(x, null, null).batches(batchSize)) {
      parts.add(model.apply(b.x(), false));
    }
    return parts.size() == 1 ? parts.get(0) : Ops.concat(0, parts.toArray(new Tensor[0]));
  }

  // ---- checks ----

  private void requireCompiled(String what) {
    if (optimizer == null) {
      throw new IllegalStateException(
          what
              + ": model '"
              + model.name()
              + "' is not compiled; call"
              + " model.compile(optimizer, loss, metrics...) first");
    }
  }

  private static void requireBatchSize(String what, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(what + ": batchSize must be at least 1, got " + batchSize);
    }
  }

  private static void requireTargets(String what, Batch b) {
    if (b.y() == null) {
      throw new IllegalArgumentException(what + ": the batch has no targets (y is null)");
    }
  }

  private void warnIfTrainableChanged() {
    if (trainableChangeWarned) {
      return;
    }
    List<Variable> now = model.trainableWeights();
    Set<Variable> then = Collections.newSetFromMap(new IdentityHashMap<>());
    then.addAll(captured);
    boolean same = now.size() == captured.size() && then.containsAll(now);
    if (!same) {
      trainableChangeWarned = true;
      LOG.log(
          Level.WARNING,
          "The trainable weights of model '"
              + model.name()
              + "' changed since compile() ("
              + captured.size()
              + " then, "
              + now.size()
              + " now); training keeps updating the "
              + captured.size()
              + " captured at compile time. Call compile() again after changing trainable.");
    }
  }
}
