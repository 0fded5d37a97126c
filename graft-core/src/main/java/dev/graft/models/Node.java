package dev.graft.models;

import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call of a layer in a functional graph: the layer, its symbolic inputs, the {@code training}
 * value fixed at that call (or {@code null} to follow the enclosing model), and its symbolic
 * outputs. Nodes are numbered in creation order, which is always a valid execution order.
 */
public final class Node {
  private static final AtomicLong IDS = new AtomicLong();

  /** How many nodes each layer has so far (Keras's {@code len(layer._inbound_nodes)}). */
  private static final Map<Layer, Integer> CALLS = new WeakHashMap<>();

  private final long id = IDS.getAndIncrement();
  private final Layer layer;
  private final int callIndex;
  private final List<KerasTensor> inputs;
  private final Boolean training;
  private final List<KerasTensor> outputs = new ArrayList<>();

  private Node(Layer layer, List<KerasTensor> inputs, Boolean training) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.training = training;
    synchronized (CALLS) {
      this.callIndex = CALLS.merge(layer, 1, Integer::sum) - 1;
    }
  }

  /** An input node: no inbound tensors, one output of the given shape. */
  static Node input(Layer inputLayer, int[] shape) {
    Node n = new Node(inputLayer, List.of(), null);
    n.outputs.add(new KerasTensor(shape, n, 0));
    return n;
  }

  /**
   * Calls {@code layer} on symbolic inputs: builds it for their shapes and finds the output shapes
   * by running it once on a zero batch of one (in inference mode, so no state changes).
   */
  public static Node create(Layer layer, List<KerasTensor> inputs, Boolean training) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("layer '" + layer.name() + "' was called with no inputs");
    }
    List<int[]> shapes = new ArrayList<>();
    List<Tensor> probes = new ArrayList<>();
    boolean unknownBatch = false;
    for (KerasTensor t : inputs) {
      int[] s = t.shape();
      shapes.add(s);
      int[] concrete = s.clone();
      for (int i = 0; i < concrete.length; i++) {
        if (concrete[i] < 0) {
          if (i > 0) {
            throw new IllegalArgumentException(
                "layer '"
                    + layer.name()
                    + "': only the batch axis may be unknown, got input shape "
                    + Layer.formatShape(s));
          }
          concrete[i] = 1;
          unknownBatch = true;
        }
      }
      probes.add(Tensor.zeros(concrete));
    }
    layer.build(shapes);
    List<Tensor> outs = layer.invoke(probes, false);
    Node n = new Node(layer, inputs, training);
    for (int i = 0; i < outs.size(); i++) {
      int[] s = outs.get(i).shape().dims();
      if (unknownBatch && s.length > 0) {
        s[0] = -1;
      }
      n.outputs.add(new KerasTensor(s, n, i));
    }
    return n;
  }

  public Layer layer() {
    return layer;
  }

  public List<KerasTensor> inputs() {
    return inputs;
  }

  /** The training value fixed at this call, or {@code null} to follow the enclosing model. */
  public Boolean training() {
    return training;
  }

  public List<KerasTensor> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  public KerasTensor output(int i) {
    if (outputs.size() <= i) {
      throw new IllegalStateException(
          "layer '"
              + layer.name()
              + "' has "
              + outputs.size()
              + " outputs; output "
              + i
              + " asked");
    }
    return outputs.get(i);
  }

  /**
   * Which call of its layer this node is: 0 for the first call, 1 for the second (in any graph).
   * The summary's "Connected to" column shows it as Keras's node index.
   */
  public int callIndex() {
    return callIndex;
  }

  long id() {
    return id;
  }
}
