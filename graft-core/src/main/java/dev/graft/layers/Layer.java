package dev.graft.layers;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Initializer;
import dev.graft.models.KerasTensor;
import dev.graft.models.Node;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of every layer and model, with Keras's semantics.
 *
 * <ul>
 *   <li>Weights are created lazily by {@link #build} on the first call (or by an explicit {@code
 *       build}) through {@link #addWeight}; sublayers are registered with {@link #track}. Layers
 *       without weights are built from construction ({@link #markStateless}).
 *   <li>{@link #weights()} lists this layer's weights (those created trainable first, then the
 *       others, each in creation order) followed by its sublayers' weights. {@link
 *       #trainableWeights()} is empty for a frozen layer; {@link #nonTrainableWeights()} then holds
 *       all of them.
 *   <li>{@link #setTrainable} flips the layer, the weights it created trainable, and every
 *       sublayer, recursively.
 *   <li>{@code training} is an explicit argument: {@link #apply(Tensor, boolean)}; {@link
 *       #apply(Tensor)} means inference. Inside a model each layer receives the model's value
 *       unless it was called with an explicit value when the model was built (see {@link
 *       dev.graft.models.Model}).
 * </ul>
 *
 * Shapes given to {@link #build} include the batch axis, {@code -1} where unknown ("None").
 */
public abstract class Layer {
  private final String name;
  private boolean trainable = true;

  /** Its weights exist (or it has none): {@link #countParams()} works. */
  private boolean built;

  /** {@link #build(int[])} / {@link #buildMulti} has run (or must never run). */
  private boolean shapesSeen;

  private final List<Variable> createdTrainable = new ArrayList<>();
  private final List<Variable> createdNonTrainable = new ArrayList<>();
  private final List<Layer> sublayers = new ArrayList<>();
  private final Map<Variable, Regularizer> regularizers = new IdentityHashMap<>();

  /** The input shapes the layer was built for (Keras's {@code build_config}); null until then. */
  private List<int[]> buildShapes;

  /**
   * @param name the layer's name, or {@code null} for a unique automatic one derived from the class
   *     name as Keras does ({@code dense}, {@code dense_1}, ...)
   */
  protected Layer(String name) {
    this.name = name == null ? LayerNames.unique(LayerNames.snakeCase(typeName())) : name;
  }

  public final String name() {
    return name;
  }

  /** The Keras class name shown by {@code summary()}, e.g. {@code Dense}. */
  public String typeName() {
    return getClass().getSimpleName();
  }

  // ---- calling ----

  /** Calls the layer in inference mode ({@code training = false}). */
  public final Tensor apply(Tensor input) {
    return apply(input, false);
  }

  public final Tensor apply(Tensor input, boolean training) {
    return single(invoke(List.of(input), training));
  }

  /** Calls a layer that takes several inputs (Add, Concatenate, a multi-input model). */
  public final List<Tensor> apply(List<Tensor> inputs, boolean training) {
    return invoke(inputs, training);
  }

  /**
   * Calls the layer on a symbolic tensor, adding a node to the graph being built. The layer then
   * runs with whatever {@code training} value the enclosing model is called with.
   */
  public final KerasTensor apply(KerasTensor input) {
    return Node.create(this, List.of(input), null).output(0);
  }

  /**
   * Calls the layer on a symbolic tensor with a fixed {@code training} value: the enclosing model
   * always runs this layer in that mode, whatever it is called with (how a pretrained base stays in
   * inference mode while it is fine-tuned).
   */
  public final KerasTensor apply(KerasTensor input, boolean training) {
    return Node.create(this, List.of(input), training).output(0);
  }

  /** Calls the layer on several symbolic tensors. */
  public final List<KerasTensor> applySymbolic(List<KerasTensor> inputs, Boolean training) {
    return Node.create(this, inputs, training).outputs();
  }

  /**
   * Builds if needed, checks the inputs, and runs {@link #call(List, boolean)}. This is what models
   * call for each of their layers, with the training value resolved.
   */
  public final List<Tensor> invoke(List<Tensor> inputs, boolean training) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("layer '" + name + "' was called with no inputs");
    }
    if (!shapesSeen) {
      List<int[]> shapes = new ArrayList<>();
      for (Tensor t : inputs) {
        int[] s = t.shape().dims();
        if (s.length > 0) {
          s[0] = -1;
        }
        shapes.add(s);
      }
      build(shapes);
    }
    return call(inputs, training);
  }

  /**
   * Runs the layer. The default handles single-input, single-output layers by delegating to {@link
   * #call(Tensor, boolean)}.
   */
  protected List<Tensor> call(List<Tensor> inputs, boolean training) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(
          "layer '" + name + "' (" + typeName() + ") takes one input, got " + inputs.size());
    }
    return List.of(call(inputs.get(0), training));
  }

  /**
   * Runs a single-input layer. Layers with several inputs override {@link #call(List, boolean)}.
   */
  protected Tensor call(Tensor input, boolean training) {
    throw new UnsupportedOperationException(typeName() + " must override call");
  }

  private Tensor single(List<Tensor> outputs) {
    if (outputs.size() != 1) {
      throw new IllegalStateException(
          "layer '" + name + "' returned " + outputs.size() + " outputs; use apply(List, boolean)");
    }
    return outputs.get(0);
  }

  // ---- building ----

  /**
   * Creates the weights for inputs of these shapes (batch axis included, -1 if unknown) and checks
   * the shapes. Runs once: later calls, and layers marked with {@link #markBuilt}, do nothing.
   */
  public final void build(List<int[]> inputShapes) {
    if (shapesSeen) {
      return;
    }
    List<int[]> copies = new ArrayList<>();
    for (int[] s : inputShapes) {
      copies.add(s.clone());
    }
    buildShapes = copies;
    if (inputShapes.size() == 1) {
      build(inputShapes.get(0));
    } else {
      buildMulti(inputShapes);
    }
    shapesSeen = true;
    built = true;
  }

  /** Creates the weights of a single-input layer. The default creates none. */
  protected void build(int[] inputShape) {}

  /** Creates the weights of a multi-input layer. The default creates none. */
  protected void buildMulti(List<int[]> inputShapes) {}

  /**
   * The input shapes (batch axis first, -1 where unknown) the layer was built for by its first call
   * or {@link #build(List)}, one per input; {@code null} if that has not happened (also for layers
   * built at construction, such as input layers and models). Saved as Keras's {@code build_config}.
   */
  public final List<int[]> buildShapes() {
    if (buildShapes == null) {
      return null;
    }
    List<int[]> out = new ArrayList<>();
    for (int[] s : buildShapes) {
      out.add(s.clone());
    }
    return out;
  }

  public final boolean isBuilt() {
    return built;
  }

  /** Marks a layer built whose weights were created in its constructor; build does nothing. */
  protected final void markBuilt() {
    built = true;
    shapesSeen = true;
  }

  /**
   * Marks a layer that has no weights (ReLU, Flatten, pooling, merging, ...) as built from
   * construction, as Keras 3 does: {@link #isBuilt()} is true and {@link #countParams()} is 0
   * before the first call. Its {@link #build(int[])} / {@link #buildMulti} still runs once, on the
   * first call (or an explicit {@code build}), to check the input shapes.
   */
  protected final void markStateless() {
    built = true;
  }

  /** Creates and registers a weight named {@code layer/name}. */
  protected final Variable addWeight(
      String weightName, int[] shape, Initializer initializer, boolean trainable) {
    Variable v = new Variable(name + "/" + weightName, initializer.create(shape), trainable);
    (trainable ? createdTrainable : createdNonTrainable).add(v);
    if (!this.trainable && trainable) {
      v.setTrainable(false);
    }
    return v;
  }

  /** Creates a weight whose penalty {@link #losses()} reports ({@code null}: none). */
  protected final Variable addWeight(
      String weightName,
      int[] shape,
      Initializer initializer,
      boolean trainable,
      Regularizer regularizer) {
    Variable v = addWeight(weightName, shape, initializer, trainable);
    if (regularizer != null) {
      regularizers.put(v, regularizer);
    }
    return v;
  }

  /**
   * The regularization penalties of this layer's and its sublayers' weights, computed from their
   * current values; the training loop adds their sum to the loss.
   */
  public final List<Tensor> losses() {
    List<Tensor> out = new ArrayList<>();
    for (Variable v : weights()) {
      Regularizer r = penaltyOf(v);
      if (r != null) {
        out.add(r.penalty(v));
      }
    }
    return out;
  }

  private Regularizer penaltyOf(Variable v) {
    Regularizer r = regularizers.get(v);
    for (int i = 0; r == null && i < sublayers.size(); i++) {
      r = sublayers.get(i).penaltyOf(v);
    }
    return r;
  }

  /** Registers a sublayer: its weights become part of this layer's and freezing reaches it. */
  protected final <L extends Layer> L track(L layer) {
    sublayers.add(layer);
    if (!trainable) {
      layer.setTrainable(false);
    }
    return layer;
  }

  /** Stops tracking a sublayer (Sequential.pop). */
  protected final void untrack(Layer layer) {
    sublayers.remove(layer);
  }

  /** The directly tracked sublayers. */
  public List<Layer> sublayers() {
    return Collections.unmodifiableList(sublayers);
  }

  // ---- weights and freezing ----

  public final boolean isTrainable() {
    return trainable;
  }

  /**
   * Freezes ({@code false}) or unfreezes this layer and all its sublayers. Weights created
   * non-trainable (BatchNormalization's moving statistics) stay non-trainable either way. Models
   * see the change only after the next {@code compile()}.
   */
  public void setTrainable(boolean value) {
    trainable = value;
    for (Variable v : createdTrainable) {
      v.setTrainable(value);
    }
    for (Layer l : sublayers) {
      l.setTrainable(value);
    }
  }

  /** All weights: own (trainable-created first), then sublayers', each listed once. */
  public final List<Variable> weights() {
    List<Variable> out = new ArrayList<>();
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(out, seen);
    return out;
  }

  private void collect(List<Variable> out, Set<Variable> seen) {
    for (Variable v : createdTrainable) {
      if (seen.add(v)) {
        out.add(v);
      }
    }
    for (Variable v : createdNonTrainable) {
      if (seen.add(v)) {
        out.add(v);
      }
    }
    for (Layer l : sublayers) {
      l.collect(out, seen);
    }
  }

  public final List<Variable> trainableWeights() {
    if (!trainable) {
      return List.of();
    }
    List<Variable> out = new ArrayList<>();
    for (Variable v : weights()) {
      if (v.isTrainable()) {
        out.add(v);
      }
    }
    return out;
  }

  public final List<Variable> nonTrainableWeights() {
    if (!trainable) {
      return weights();
    }
    List<Variable> out = new ArrayList<>();
    for (Variable v : weights()) {
      if (!v.isTrainable()) {
        out.add(v);
      }
    }
    return out;
  }

  /** Copies of the weight values, in {@link #weights()} order. */
  public final List<Tensor> getWeights() {
    List<Tensor> out = new ArrayList<>();
    for (Variable v : weights()) {
      out.add(Tensor.of(v.toFloatArray(), v.shape().dims()));
    }
    return out;
  }

  /** Sets every weight, in {@link #weights()} order; counts and shapes must match. */
  public final void setWeights(List<Tensor> values) {
    List<Variable> ws = weights();
    if (values.size() != ws.size()) {
      throw new IllegalArgumentException(
          "setWeights: layer '"
              + name
              + "' has "
              + ws.size()
              + " weights but "
              + values.size()
              + " values were given");
    }
    for (int i = 0; i < ws.size(); i++) {
      Variable v = ws.get(i);
      if (!v.shape().equals(values.get(i).shape())) {
        throw new IllegalArgumentException(
            "setWeights: layer '"
                + name
                + "' weight '"
                + v.name()
                + "' has shape "
                + v.shape()
                + " but the value has shape "
                + values.get(i).shape());
      }
    }
    for (int i = 0; i < ws.size(); i++) {
      ws.get(i).assign(values.get(i));
    }
  }

  /** The number of weight values. */
  public final long countParams() {
    if (!built) {
      throw new IllegalStateException(
          "countParams: layer '"
              + name
              + "' is not built yet; call it on an input or build it first");
    }
    long n = 0;
    for (Variable v : weights()) {
      n += v.size();
    }
    return n;
  }

  /** Validates a rank and names the layer and the shape when it is wrong. */
  protected final void requireRank(int[] shape, int rank, String layout) {
    if (shape.length != rank) {
      throw new IllegalArgumentException(
          "layer '"
              + name
              + "' ("
              + typeName()
              + ") expects rank-"
              + rank
              + " inputs "
              + layout
              + ", got shape "
              + formatShape(shape));
    }
  }

  /** Formats a shape as Keras prints it: {@code (None, 16, 16, 3)}. */
  public static String formatShape(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public String toString() {
    return typeName() + " '" + name + "'" + (built ? "" : " (not built)");
  }
}
