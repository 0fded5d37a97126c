package dev.graft.models;

import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.losses.Loss;
import dev.graft.metrics.Metric;
import dev.graft.optimizers.Optimizer;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import dev.graft.training.FitOptions;
import dev.graft.training.History;
import dev.graft.training.Trainer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A functional model: the graph of layer calls between symbolic inputs and outputs, itself a {@link
 * Layer} that can be called on tensors or nested in another model.
 *
 * <pre>{@code
 * KerasTensor in = Input.of(150, 150, 3);
 * KerasTensor x = base.apply(in, false);          // the base always runs in inference mode
 * KerasTensor out = new Dense(1).apply(new GlobalAveragePooling2D().apply(x));
 * Model model = new Model(List.of(in), List.of(out), "classifier");
 * }</pre>
 *
 * <p>Training semantics (the Keras transfer-learning guide's): when the model runs with some {@code
 * training} value, each layer receives that value unless it was called with an explicit one while
 * the graph was built; an explicit value holds for the model's whole life, also after the layer is
 * unfrozen.
 */
public class Model extends Layer {
  private List<KerasTensor> inputs = List.of();
  private List<KerasTensor> outputs = List.of();
  private List<Node> nodes = List.of();
  private List<Layer> layers = List.of();
  private Trainer trainer;

  public Model(KerasTensor input, KerasTensor output, String name) {
    this(List.of(input), List.of(output), name);
  }

  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
    super(name == null ? LayerNames.unique("functional") : name);
    initGraph(inputs, outputs);
  }

  /** For subclasses that define their graph later ({@link Sequential}). */
  protected Model(String name) {
    super(name);
  }

  /** Sets (or replaces) the graph; layers not yet tracked are tracked. */
  protected final void initGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("Model: needs at least one input and one output");
    }
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.nodes = reachableNodes(this.inputs, this.outputs);
    Set<Layer> ordered = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Layer> ls = new ArrayList<>();
    for (Node n : nodes) {
      if (ordered.add(n.layer())) {
        ls.add(n.layer());
      }
    }
    for (Layer old : this.layers) {
      if (old instanceof InputLayer && !ordered.contains(old)) {
        untrack(old); // a rebuilt Sequential's previous input
      }
    }
    this.layers = Collections.unmodifiableList(ls);
    for (Layer l : ls) {
      if (!sublayers().contains(l)) {
        track(l);
      }
    }
    markBuilt();
  }

  /** Nodes between the inputs and the outputs, in execution (creation) order. */
  private static List<Node> reachableNodes(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    Set<Node> inputNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor t : inputs) {
      if (!(t.node().layer() instanceof InputLayer)) {
        throw new IllegalArgumentException("Model: inputs must come from Input.of(...), got " + t);
      }
      inputNodes.add(t.node());
    }
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Node> todo = new ArrayDeque<>();
    for (KerasTensor t : outputs) {
      todo.add(t.node());
    }
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!seen.add(n)) {
        continue;
      }
      if (n.inputs().isEmpty() && !inputNodes.contains(n)) {
        throw new IllegalArgumentException(
            "Model: the outputs depend on input '"
                + n.layer().name()
                + "', which is not among the model's inputs; pass it in the inputs list");
      }
      for (KerasTensor t : n.inputs()) {
        todo.add(t.node());
      }
    }
    List<Node> order = new ArrayList<>(seen);
    order.sort(Comparator.comparingLong(Node::id));
    return order;
  }

  @Override
  public String typeName() {
    return "Functional";
  }

  /** The layers in execution order, input layers included (as Keras's {@code model.layers}). */
  public List<Layer> layers() {
    return layers;
  }

  /** The layer called {@code name}. */
  public Layer getLayer(String name) {
    for (Layer l : layers()) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    List<String> names = new ArrayList<>();
    for (Layer l : layers()) {
      names.add(l.name());
    }
    throw new IllegalArgumentException(
        "getLayer: model '" + name() + "' has no layer named '" + name + "'; it has " + names);
  }

  public List<KerasTensor> inputs() {
    return inputs;
  }

  public List<KerasTensor> outputs() {
    return outputs;
  }

  /** The graph's nodes in execution order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** True once the model has a graph (a functional model always; a Sequential once built). */
  public boolean hasGraph() {
    return !nodes.isEmpty();
  }

  @Override
  protected List<Tensor> call(List<Tensor> values, boolean training) {
    if (values.size() != inputs.size()) {
      throw new IllegalArgumentException(
          "model '" + name() + "' expects " + inputs.size() + " inputs, got " + values.size());
    }
    Map<KerasTensor, Tensor> env = new IdentityHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      checkInputShape(inputs.get(i), values.get(i));
      env.put(inputs.get(i), values.get(i));
    }
    // Drop intermediate values once their last consumer has run.
    Map<KerasTensor, Integer> uses = new HashMap<>();
    for (Node n : nodes) {
      for (KerasTensor t : n.inputs()) {
        uses.merge(t, 1, Integer::sum);
      }
    }
    Set<KerasTensor> keep = new LinkedHashSet<>(outputs);
    for (Node n : nodes) {
      if (n.inputs().isEmpty()) {
        continue;
      }
      List<Tensor> args = new ArrayList<>(n.inputs().size());
      for (KerasTensor t : n.inputs()) {
        args.add(env.get(t));
      }
      boolean t = n.training() != null ? n.training() : training;
      List<Tensor> outs = n.layer().invoke(args, t);
      for (int i = 0; i < outs.size(); i++) {
        env.put(n.outputs().get(i), outs.get(i));
      }
      for (KerasTensor in : n.inputs()) {
        if (uses.merge(in, -1, Integer::sum) == 0 && !keep.contains(in)) {
          env.remove(in);
        }
      }
    }
    List<Tensor> result = new ArrayList<>(outputs.size());
    for (KerasTensor o : outputs) {
      result.add(env.get(o));
    }
    return result;
  }

  private void checkInputShape(KerasTensor expected, Tensor value) {
    int[] want = expected.shape();
    int[] got = value.shape().dims();
    boolean ok = want.length == got.length;
    for (int i = 0; ok && i < want.length; i++) {
      ok = want[i] < 0 || want[i] == got[i];
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "model '"
              + name()
              + "': input '"
              + expected.node().layer().name()
              + "' expects shape "
              + formatShape(want)
              + ", got "
              + value.shape());
    }
  }

  /** Prints the Keras-style summary (see {@link Summary}) to standard output. */
  public void summary() {
    System.out.print(summaryString());
  }

  /** Prints the summary with a table {@code lineLength} characters wide. */
  public void summary(int lineLength) {
    System.out.print(summaryString(lineLength));
  }

  /** The text {@link #summary()} prints, ending with a line break. */
  public String summaryString() {
    return Summary.of(this);
  }

  /** The text {@link #summary(int)} prints. */
  public String summaryString(int lineLength) {
    return Summary.of(this, Summary.Options.defaults().lineLength(lineLength));
  }

  // ---- training (the loop lives in dev.graft.training.Trainer) ----

  /**
   * Prepares the model for {@code fit}: the optimizer, the loss, the metrics, and the trainable
   * weights as they are now; a later {@code setTrainable} takes effect after the next compile.
   *
   * <pre>{@code
   * model.compile(new Adam(1e-3f), new BinaryCrossentropy(true), new BinaryAccuracy());
   * History h = model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2));
   * }</pre>
   */
  public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
    trainer().compile(optimizer, loss, Arrays.asList(metrics));
  }

  /** Compiles without metrics. */
  public void compile(Optimizer optimizer, Loss loss) {
    trainer().compile(optimizer, loss, List.of());
  }

  /**
   * Compiles with metrics named as Keras's strings ({@code "accuracy"}, {@code "auc"}, ...); {@code
   * "accuracy"} picks the variant that fits the loss, as Keras's {@code compile} does.
   */
  public void compile(Optimizer optimizer, Loss loss, String... metricNames) {
    List<Metric> metrics = new ArrayList<>();
    for (String name : metricNames) {
      metrics.add(dev.graft.metrics.Metrics.byName(name, loss));
    }
    trainer().compile(optimizer, loss, metrics);
  }

  /** The training loop behind {@code compile}, {@code fit} and the others. */
  public Trainer trainer() {
    if (trainer == null) {
      trainer = new Trainer(this);
    }
    return trainer;
  }

  /** Trains on arrays with the default options (batches of 32, one epoch, shuffled). */
  public History fit(Tensor x, Tensor y) {
    return fit(x, y, FitOptions.defaults());
  }

  /** Trains on arrays whose first axis holds the samples. */
  public History fit(Tensor x, Tensor y, FitOptions options) {
    return trainer().fit(x, y, options);
  }

  /** Trains on batches, iterated anew each epoch. */
  public History fit(Iterable<Batch> batches, FitOptions options) {
    return trainer().fit(batches, options);
  }

  /** Loss and metrics in inference mode, in batches of 32; {@code loss} first. */
  public Map<String, Double> evaluate(Tensor x, Tensor y) {
    return trainer().evaluate(x, y, 32);
  }

  /** Loss and metrics in inference mode over the batches. */
  public Map<String, Double> evaluate(Iterable<Batch> batches) {
    return trainer().evaluate(batches);
  }

  /** Outputs in inference mode, computed in batches of 32 and concatenated. */
  public Tensor predict(Tensor x) {
    return trainer().predict(x, 32);
  }

  public Tensor predict(Tensor x, int batchSize) {
    return trainer().predict(x, batchSize);
  }

  /** One training step; returns the batch's loss (computed before the update) and metrics. */
  public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
    return trainer().trainOnBatch(Batch.of(x, y));
  }

  public Map<String, Double> testOnBatch(Tensor x, Tensor y) {
    return trainer().testOnBatch(Batch.of(x, y));
  }

  public Tensor predictOnBatch(Tensor x) {
    return trainer().predictOnBatch(x);
  }

  /** Asks a running {@code fit} to stop after the current batch. */
  public void stopTraining() {
    trainer().stopTraining();
  }
}
