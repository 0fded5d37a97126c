package dev.graft.optimizers;

import dev.graft.autodiff.Variable;
import dev.graft.optimizers.schedules.LearningRateSchedule;
import dev.graft.tensor.Tensor;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Updates variables from their gradients, as Keras 3's optimizers do.
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder().learningRate(1e-3f).build();
 * try (GradientTape tape = GradientTape.open()) {
 *   Tensor loss = lossFn.call(y, model.apply(x, true));
 *   opt.applyGradients(tape.gradient(loss, weights), weights);
 * }
 * }</pre>
 *
 * <p>One step of {@link #applyGradients}: drop the pairs whose gradient is null (logging one
 * warning naming them); clip the gradients ({@code clipnorm} per variable, {@code globalClipnorm}
 * over all of them, or {@code clipvalue} per element; at most one of the three); apply weight decay
 * {@code v -= v * weightDecay * lr} when set; run the optimizer's update rule on each variable;
 * then add one to {@link #iterations()}. The learning rate of the step is the schedule's value at
 * the iteration count before the step.
 *
 * <p>Updates are computed on raw values and written with {@link Variable#assign}; they are never
 * recorded by a {@link dev.graft.autodiff.GradientTape}. The optimizer's own state (momentums,
 * velocities) lives in slot variables, created the first time a variable is updated and kept per
 * variable object (by identity), so one optimizer may serve variables that appear later.
 */
public abstract class Optimizer {
  private static final System.Logger LOG = System.getLogger("dev.graft");

  private final String name;
  private LearningRateSchedule schedule;
  private final Float clipnorm;
  private final Float globalClipnorm;
  private final Float clipvalue;
  private final Float weightDecay;
  private long iterations;
  private final Map<Variable, Map<String, Variable>> slots = new IdentityHashMap<>();
  private final List<Variable> slotVariables = new ArrayList<>();
  private final Set<Variable> decayExcluded = Collections.newSetFromMap(new IdentityHashMap<>());
  private Pattern decayExcludedNames;
  private final Set<String> warned = new HashSet<>();

  protected Optimizer(String name, Builder<?> b) {
    this.name = name;
    this.schedule = b.schedule;
    this.clipnorm = b.clipnorm;
    this.globalClipnorm = b.globalClipnorm;
    this.clipvalue = b.clipvalue;
    this.weightDecay = b.weightDecay;
    int clips = (clipnorm != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
    clips += clipvalue != null ? 1 : 0;
    if (clips > 1) {
      throw new IllegalArgumentException(
          name
              + ": set at most one of clipnorm, globalClipnorm and clipvalue; got clipnorm="
              + clipnorm
              + ", globalClipnorm="
              + globalClipnorm
              + ", clipvalue="
              + clipvalue);
    }
  }

  /** The Keras class name, for example {@code "Adam"}. */
  public String name() {
    return name;
  }

  /** The number of steps applied so far. */
  public long iterations() {
    return iterations;
  }

  /** The learning rate the next step will use. */
  public float learningRate() {
    return schedule.apply(iterations);
  }

  public LearningRateSchedule learningRateSchedule() {
    return schedule;
  }

  /**
   * Replaces a constant learning rate, as assigning Keras's {@code optimizer.learning_rate} does.
   * Callbacks such as {@code ReduceLROnPlateau} and {@code LearningRateScheduler} use it between
   * epochs. Added for the callbacks: the only state it touches is the constant schedule.
   *
   * @throws IllegalStateException if the optimizer was built with a {@link LearningRateSchedule},
   *     whose rate is not settable (Keras refuses likewise)
   * @throws IllegalArgumentException if {@code lr} is negative, NaN or infinite
   */
  public void setLearningRate(float lr) {
    if (!(schedule instanceof Constant)) {
      throw new IllegalStateException(
          name
              + " was built with the learning-rate schedule "
              + schedule.getClass().getSimpleName()
              + ", so its learning rate is not settable; build the optimizer with a constant"
              + " learningRate(float) to let callbacks change it");
    }
    if (!(lr >= 0) || Float.isInfinite(lr)) {
      throw new IllegalArgumentException(
          name + ".setLearningRate: the learning rate must be finite and non-negative, got " + lr);
    }
    schedule = new Constant(lr);
  }

  /** The gradient-norm clip per variable, or null when unset. */
  public Float clipnorm() {
    return clipnorm;
  }

  /** The joint gradient-norm clip, or null when unset. */
  public Float globalClipnorm() {
    return globalClipnorm;
  }

  /** The per-element gradient clip, or null when unset. */
  public Float clipvalue() {
    return clipvalue;
  }

  /** The decoupled weight decay (Keras's {@code weight_decay}), or null when unset. */
  public Float decoupledWeightDecay() {
    return weightDecay;
  }

  /** True when the learning rate is a constant (settable), not a {@link LearningRateSchedule}. */
  public boolean hasConstantLearningRate() {
    return schedule instanceof Constant;
  }

  /**
   * True once the optimizer has state beyond its settings: a step was applied or a slot created.
   * Keras builds its optimizer at the first step too.
   */
  public boolean isBuilt() {
    return iterations > 0 || !slotVariables.isEmpty();
  }

  /**
   * The slot names in the order Keras's {@code build} creates its variables, for saving the state
   * as Keras lays it out: each inner list is created per model variable, its names interleaved
   * (Adam's {@code [momentum, velocity]} gives {@code m0, v0, m1, v1, ...}); the lists follow one
   * another. Empty for an optimizer without slots.
   */
  public List<List<String>> kerasSlotOrder() {
    return List.of();
  }

  /** The slot {@code slotName} of {@code variable} if it was created, else empty. */
  public Optional<Variable> existingSlot(Variable variable, String slotName) {
    Map<String, Variable> own = slots.get(variable);
    return Optional.ofNullable(own == null ? null : own.get(slotName));
  }

  /**
   * The slot {@code slotName} of {@code variable}, created with its initial value if it does not
   * exist yet (for restoring saved state before the first step).
   *
   * @throws IllegalArgumentException if this optimizer has no slot of that name
   */
  public Variable buildSlot(Variable variable, String slotName) {
    boolean known = false;
    for (List<String> group : kerasSlotOrder()) {
      known |= group.contains(slotName);
    }
    if (!known) {
      throw new IllegalArgumentException(
          name + " has no slot '" + slotName + "'; its slots are " + kerasSlotOrder());
    }
    return slot(variable, slotName, slotInitialValue(slotName));
  }

  /**
   * The value a new slot {@code slotName} is filled with; 0 unless the optimizer says otherwise.
   */
  public float slotInitialValue(String slotName) {
    return 0f;
  }

  /**
   * Sets the step count, as loading a saved optimizer does; the learning-rate schedule and Adam's
   * bias correction continue from it.
   *
   * @throws IllegalArgumentException if {@code steps} is negative
   */
  public void restoreIterations(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException(
          name + ".restoreIterations: the step count must be non-negative, got " + steps);
    }
    this.iterations = steps;
  }

  /** The slot variables created so far, in creation order (for saving the optimizer's state). */
  public List<Variable> variables() {
    return Collections.unmodifiableList(slotVariables);
  }

  /**
   * Exempts variables from weight decay: the given variables, and every variable whose name
   * contains a match of one of {@code nameFragments} (regular expressions, as Keras's {@code
   * var_names}).
   */
  public void excludeFromWeightDecay(
      Collection<? extends Variable> variables, Collection<String> nameFragments) {
    decayExcluded.addAll(variables);
    if (!nameFragments.isEmpty()) {
      decayExcludedNames = Pattern.compile(String.join("|", nameFragments));
    }
  }

  /**
   * Applies one step. {@code grads.get(i)} is the gradient of {@code vars.get(i)}; null gradients
   * (variables the loss does not depend on) are skipped.
   *
   * @throws IllegalArgumentException if the lists differ in length, a gradient's shape differs from
   *     its variable's, or every gradient is null
   */
  public final void applyGradients(List<? extends Tensor> grads, List<? extends Variable> vars) {
    if (grads.size() != vars.size()) {
      throw new IllegalArgumentException(
          name
              + ".applyGradients: got "
              + grads.size()
              + " gradients for "
              + vars.size()
              + " variables; pass lists aligned by index (the output of tape.gradient(loss, vars)"
              + " with the same vars)");
    }
    List<Variable> live = new ArrayList<>();
    List<float[]> g = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable v = vars.get(i);
      Tensor grad = grads.get(i);
      if (grad == null) {
        skipped.add(v.name());
        continue;
      }
      if (!grad.shape().equals(v.shape())) {
        throw new IllegalArgumentException(
            name
                + ".applyGradients: the gradient at index "
                + i
                + " has shape "
                + grad.shape()
                + " but variable '"
                + v.name()
                + "' has shape "
                + v.shape());
      }
      live.add(v);
      g.add(grad.toFloatArray());
    }
    if (live.isEmpty()) {
      throw new IllegalArgumentException(
          name
              + ".applyGradients: no gradient was given for any variable (all "
              + vars.size()
              + " are null); check that the loss depends on the variables");
    }
    if (!skipped.isEmpty() && warned.add(skipped.toString())) {
      LOG.log(
          Level.WARNING,
          "Gradients do not exist for variables "
              + skipped
              + " when minimizing the loss; they are left unchanged.");
    }
    float lr = learningRate();
    clip(g);
    if (weightDecay != null) {
      float wd = weightDecay;
      for (Variable v : live) {
        if (usesWeightDecay(v)) {
          float[] x = v.toFloatArray();
          for (int j = 0; j < x.length; j++) {
            x[j] = x[j] - x[j] * wd * lr;
          }
          write(v, x);
        }
      }
    }
    for (int i = 0; i < live.size(); i++) {
      update(live.get(i), g.get(i), lr);
    }
    iterations++;
  }

  /**
   * Applies the optimizer's rule to one variable. {@code gradient} is already clipped and may be
   * modified; read the variable with {@link Variable#toFloatArray()} and write it and slots with
   * {@link #write}. {@link #iterations()} still counts the steps before this one.
   */
  protected abstract void update(Variable variable, float[] gradient, float learningRate);

  /** The slot {@code slotName} of {@code variable}, created filled with {@code initial}. */
  protected final Variable slot(Variable variable, String slotName, float initial) {
    Map<String, Variable> own = slots.computeIfAbsent(variable, k -> new LinkedHashMap<>());
    Variable s = own.get(slotName);
    if (s == null) {
      s =
          new Variable(
              name.toLowerCase(Locale.ROOT) + "/" + variable.name() + "_" + slotName,
              Tensor.full(initial, variable.shape().dims()),
              false);
      own.put(slotName, s);
      slotVariables.add(s);
    }
    return s;
  }

  /** Writes {@code values} (row-major) into {@code target}. */
  protected static void write(Variable target, float[] values) {
    target.assign(Tensor.of(values, target.shape().dims()));
  }

  private boolean usesWeightDecay(Variable v) {
    return !decayExcluded.contains(v)
        && (decayExcludedNames == null || !decayExcludedNames.matcher(v.name()).find());
  }

  private void clip(List<float[]> grads) {
    if (clipnorm != null && clipnorm > 0) {
      for (float[] g : grads) {
        scale(g, clipnorm / Math.max((float) Math.sqrt(sumOfSquares(g)), clipnorm));
      }
    } else if (globalClipnorm != null && globalClipnorm > 0) {
      double sq = 0;
      for (float[] g : grads) {
        sq += sumOfSquares(g);
      }
      float norm = (float) Math.sqrt(sq);
      // A non-finite norm makes the scale NaN, as in Keras, rather than silently skipping the clip.
      float s =
          Float.isFinite(norm)
              ? globalClipnorm * Math.min(1f / norm, 1f / globalClipnorm)
              : Float.NaN;
      for (float[] g : grads) {
        scale(g, s);
      }
    } else if (clipvalue != null && clipvalue > 0) {
      float c = clipvalue;
      for (float[] g : grads) {
        for (int j = 0; j < g.length; j++) {
          g[j] = Math.min(Math.max(g[j], -c), c);
        }
      }
    }
  }

  private static double sumOfSquares(float[] g) {
    double s = 0;
    for (float x : g) {
      s += (double) x * x;
    }
    return s;
  }

  private static void scale(float[] g, float s) {
    for (int j = 0; j < g.length; j++) {
      g[j] *= s;
    }
  }

  /**
   * Settings every optimizer shares. Setters return the concrete builder so they chain with the
   * optimizer's own settings.
   *
   * @param <B> the concrete builder
   */
  public abstract static class Builder<B extends Builder<B>> {
    private LearningRateSchedule schedule;
    private Float clipnorm;
    private Float globalClipnorm;
    private Float clipvalue;
    private Float weightDecay;

    protected Builder(float defaultLearningRate) {
      learningRate(defaultLearningRate);
    }

    protected abstract B self();

    /** A constant learning rate. */
    public B learningRate(float lr) {
      if (!(lr >= 0) || Float.isInfinite(lr)) {
        throw new IllegalArgumentException(
            "learningRate must be a finite non-negative number, got " + lr);
      }
      this.schedule = new Constant(lr);
      return self();
    }

    /** A learning rate that follows {@code schedule} over the iterations. */
    public B learningRate(LearningRateSchedule schedule) {
      if (schedule == null) {
        throw new IllegalArgumentException("learningRate: the schedule is null");
      }
      this.schedule = schedule;
      return self();
    }

    /** Clips each variable's gradient to this L2 norm. */
    public B clipnorm(float norm) {
      this.clipnorm = positive("clipnorm", norm);
      return self();
    }

    /** Clips all gradients together so that their joint L2 norm is at most {@code norm}. */
    public B globalClipnorm(float norm) {
      this.globalClipnorm = positive("globalClipnorm", norm);
      return self();
    }

    /** Clips every gradient element to {@code [-value, value]}. */
    public B clipvalue(float value) {
      this.clipvalue = positive("clipvalue", value);
      return self();
    }

    /** Decoupled weight decay: before each update, {@code v -= v * weightDecay * lr}. */
    public B weightDecay(float decay) {
      if (!(decay >= 0) || Float.isInfinite(decay)) {
        throw new IllegalArgumentException(
            "weightDecay must be a finite non-negative number, got " + decay);
      }
      this.weightDecay = decay;
      return self();
    }

    Float weightDecayValue() {
      return weightDecay;
    }

    private static Float positive(String what, float value) {
      if (!(value > 0) || Float.isInfinite(value)) {
        throw new IllegalArgumentException(
            what + " must be a finite positive number, got " + value);
      }
      return value;
    }
  }

  /** A constant learning rate, as a schedule. */
  private record Constant(float value) implements LearningRateSchedule {
    @Override
    public float apply(long step) {
      return value;
    }
  }
}
