package dev.graft.saving.h5;

import dev.graft.autodiff.Variable;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import dev.graft.optimizers.AbstractAdam;
import dev.graft.optimizers.Adagrad;
import dev.graft.optimizers.Optimizer;
import dev.graft.optimizers.RmsProp;
import dev.graft.optimizers.Sgd;
import dev.graft.saving.WeightsFileException;
import dev.graft.tensor.Shape;
import dev.graft.tensor.Tensor;
import dev.graft.training.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A compiled model's optimizer state in a Keras 3 weights file, as Keras 3 lays it out: {@code
 * saving_lib._save_state} visits the model's {@code optimizer} attribute and stores its {@code
 * save_own_variables} in the group {@code optimizer/vars} (attribute {@code name}, the optimizer's
 * name) as datasets {@code 0, 1, ...}, one per entry of {@code optimizer.variables} ({@code
 * keras/src/optimizers/base_optimizer.py}):
 *
 * <ol>
 *   <li>{@code 0}: {@code iteration}, the step count, an int64 scalar (int32 under JAX);
 *   <li>{@code 1}: {@code learning_rate}, a float32 scalar, only when the rate is a constant (a
 *       schedule is no variable);
 *   <li>then, once the optimizer is built (at its first step), the slots {@code build} creates for
 *       the trainable variables it was built on, {@code model.trainable_variables} in order: each
 *       call of {@code add_optimizer_variables(vars, names)} makes, per variable, one slot per
 *       name, so Adam's {@code ["momentum", "velocity"]} interleaves {@code m0, v0, m1, v1, ...},
 *       and amsgrad then adds every {@code velocity_hat}; RMSprop adds all velocities, then all
 *       momentums (momentum &gt; 0), then all average gradients (centered); SGD its momentums
 *       (momentum &ne; 0); Adagrad its accumulators ({@link Optimizer#kerasSlotOrder()}).
 * </ol>
 *
 * <p>An optimizer that has not taken a step writes only the first one or two, as Keras's unbuilt
 * optimizer does. graft creates slots lazily, per variable, when it first updates it; a trainable
 * variable without a slot yet (it had no gradient so far) is written with the slot's initial value,
 * which is what Keras's eagerly built slot would still hold.
 */
public final class OptimizerVariables {
  /** The group Keras stores the optimizer's variables under. */
  public static final String GROUP = "optimizer/vars";

  private OptimizerVariables() {}

  /** True for the optimizers whose Keras layout graft knows. */
  public static boolean hasKerasLayout(Optimizer o) {
    return o instanceof AbstractAdam
        || o instanceof Sgd
        || o instanceof RmsProp
        || o instanceof Adagrad;
  }

  /**
   * The variables the optimizer is built on in Keras's {@code model.trainable_variables} order:
   * layer by layer in the order of the weights file ({@link Keras3Layout}), each layer's own
   * trainable variables in creation order, kept only when the model was compiled with them.
   */
  public static List<Variable> trainableInKerasOrder(Model model) {
    Set<Variable> compiled = Collections.newSetFromMap(new IdentityHashMap<>());
    compiled.addAll(model.trainer().compiledTrainableWeights());
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Variable> out = new ArrayList<>();
    for (Keras3Layout.Entry e : Keras3Layout.entries(model)) {
      for (Variable v : e.variables()) {
        if (compiled.contains(v) && seen.add(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** One slot of the layout: the model variable and the slot's name. */
  private record Slot(Variable variable, String name) {}

  private static List<Slot> slots(Optimizer o, List<Variable> trainable) {
    List<Slot> out = new ArrayList<>();
    for (List<String> names : o.kerasSlotOrder()) {
      for (Variable v : trainable) {
        for (String n : names) {
          out.add(new Slot(v, n));
        }
      }
    }
    return out;
  }

  /**
   * Writes the optimizer state of {@code model} into {@code w}; nothing when the model is not
   * compiled or its optimizer has no Keras layout.
   */
  public static void write(H5Writer w, Model model) {
    Trainer t = model.trainer();
    if (!t.isCompiled() || !hasKerasLayout(t.optimizer())) {
      return;
    }
    Optimizer o = t.optimizer();
    w.attribute(GROUP, "name", LayerNames.snakeCase(o.name()));
    w.longScalar(GROUP, "0", o.iterations());
    int next = 1;
    if (o.hasConstantLearningRate()) {
      w.dataset(GROUP, "1", new float[] {o.learningRate()}, new int[0]);
      next = 2;
    }
    if (!o.isBuilt()) {
      return;
    }
    for (Slot s : slots(o, trainableInKerasOrder(model))) {
      int[] shape = s.variable().shape().dims();
      float[] values =
          o.existingSlot(s.variable(), s.name())
              .map(Variable::toFloatArray)
              .orElseGet(() -> initial(o, s));
      w.dataset(GROUP, Integer.toString(next++), values, shape);
    }
  }

  private static float[] initial(Optimizer o, Slot s) {
    float fill = o.slotInitialValue(s.name());
    float[] values = new float[(int) s.variable().size()];
    java.util.Arrays.fill(values, fill);
    return values;
  }

  /**
   * Restores the state of the compiled {@code model}'s optimizer from the file's {@code
   * optimizer/vars}: the step count, a constant learning rate, and the slots once the saved
   * optimizer had taken a step. Everything is checked before anything is set.
   *
   * @return notes on what was not restored (no optimizer group in the file), for the load report
   * @throws IllegalArgumentException if the group holds another number of variables than the
   *     optimizer has before or after its first step, or a variable of another shape; the message
   *     names the file, the index, and both
   */
  public static List<String> restore(H5Reader r, Model model) throws IOException {
    List<String> notes = new ArrayList<>();
    Trainer t = model.trainer();
    if (!t.isCompiled() || !hasKerasLayout(t.optimizer())) {
      return notes;
    }
    Optimizer o = t.optimizer();
    if (!r.isGroup(GROUP)) {
      notes.add(
          r.label()
              + ": no optimizer state (no '"
              + GROUP
              + "' group); "
              + o.name()
              + " starts fresh");
      return notes;
    }
    int base = o.hasConstantLearningRate() ? 2 : 1;
    List<Variable> trainable = trainableInKerasOrder(model);
    List<Slot> slots = slots(o, trainable);
    int found = r.children(GROUP).size();
    if (found != base && found != base + slots.size()) {
      throw new IllegalArgumentException(
          r.label()
              + ": optimizer: '"
              + GROUP
              + "' holds "
              + found
              + " variables, but "
              + o.name()
              + (base == 2 ? " (iteration, learning_rate" : " (iteration")
              + (slots.isEmpty() ? ")" : ", then " + o.kerasSlotOrder() + " per trainable weight)")
              + " over the model's "
              + trainable.size()
              + " trainable weights has "
              + (base + slots.size())
              + ", or "
              + base
              + " before its first step; the file was saved from another optimizer or another"
              + " set of trainable layers");
    }
    List<Shape> expected = new ArrayList<>();
    expected.add(Shape.of(new int[0]));
    if (base == 2) {
      expected.add(Shape.of(new int[0]));
    }
    if (found > base) {
      for (Slot s : slots) {
        expected.add(s.variable().shape());
      }
    }
    for (int i = 0; i < expected.size(); i++) {
      String path = GROUP + "/" + i;
      if (!r.isDataset(path)) {
        throw new IllegalArgumentException(
            r.label()
                + ": optimizer: variable "
                + i
                + " ('"
                + path
                + "') is missing; the"
                + " datasets must be numbered 0 to "
                + (found - 1));
      }
      Shape shape = Shape.of(r.shape(path));
      if (!shape.equals(expected.get(i))) {
        throw new IllegalArgumentException(
            r.label()
                + ": optimizer: variable "
                + i
                + " ('"
                + path
                + "'"
                + (i >= base ? ", " + describe(slots.get(i - base)) : "")
                + ") has shape "
                + shape
                + " but "
                + expected.get(i)
                + " was expected; the file was saved from another model or optimizer");
      }
    }
    long iterations = r.readInteger(GROUP + "/0");
    if (iterations < 0) {
      throw new WeightsFileException(
          r.label() + ": optimizer: variable 0 (iteration) is negative: " + iterations);
    }
    float lr = base == 2 ? r.read(GROUP + "/1", 1).item() : Float.NaN;
    List<Tensor> values = new ArrayList<>();
    if (found > base) {
      for (int i = 0; i < slots.size(); i++) {
        Slot s = slots.get(i);
        values.add(r.read(GROUP + "/" + (base + i), s.variable().size()));
      }
    }
    o.restoreIterations(iterations);
    if (base == 2) {
      o.setLearningRate(lr);
    }
    for (int i = 0; i < values.size(); i++) {
      Slot s = slots.get(i);
      o.buildSlot(s.variable(), s.name()).assign(values.get(i));
    }
    return notes;
  }

  private static String describe(Slot s) {
    return "the " + s.name() + " of '" + s.variable().name() + "'";
  }
}
