package dev.graft.autodiff;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Shape;
import dev.graft.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Records ops for reverse-mode differentiation, as TensorFlow's {@code tf.GradientTape}.
 *
 * <pre>{@code
 * GradientTape tape = GradientTape.open();
 * try (tape) {
 *   Tensor loss = Ops.mean(Ops.square(x.matmul(w).sub(y)));
 *   grads = tape.gradient(loss, List.of(w));
 * }
 * }</pre>
 *
 * <p>While a tape is open on a thread it records every op whose inputs it tracks: trainable {@link
 * Variable}s (watched automatically when used), tensors passed to {@link #watch}, and the outputs
 * of ops it recorded. Outside any open tape nothing is recorded and no graph is allocated.
 * Gradients may be asked for after the tape is closed. A non-persistent tape releases its record
 * after the first {@link #gradient} call; a persistent one may be asked several times. Higher-order
 * gradients are not supported: the gradient computation itself is not recorded.
 *
 * <p><b>Memory.</b> The tape keeps only what the gradient rules saved (each op saves just the
 * values its rule reads, and only for inputs that need a gradient), never the op outputs
 * themselves: an intermediate result nobody holds is freed even while the tape is open. A
 * non-persistent tape also frees each rule's saved values, and each intermediate gradient, as soon
 * as backpropagation has used them.
 */
public final class GradientTape implements AutoCloseable {
  private static final ThreadLocal<ArrayDeque<GradientTape>> ACTIVE =
      ThreadLocal.withInitial(ArrayDeque::new);
  private static final ThreadLocal<Integer> PAUSED = ThreadLocal.withInitial(() -> 0);

  /**
   * One recorded op. Its inputs are edges: the {@link Node} that produced the input on this tape, a
   * tracked leaf {@link Tensor} (a variable or watched tensor, which the user holds anyway), or
   * {@code null} for an input this tape does not track. Nodes never refer to op outputs.
   */
  private static final class Node {
    final String op;
    final Object[] inputs;
    final Shape[] inputShapes;
    Backward rule; // null once a non-persistent tape has used it

    Node(String op, Object[] inputs, Shape[] inputShapes, Backward rule) {
      this.op = op;
      this.inputs = inputs;
      this.inputShapes = inputShapes;
      this.rule = rule;
    }
  }

  private final boolean persistent;
  private final boolean watchAccessedVariables;
  private final Thread owner = Thread.currentThread();

  /**
   * The node that produced each recorded output. Weak keys: an output nobody holds any more is
   * freed; its node lives on while a later node needs it as an input. A WeakHashMap compares keys
   * with equals/hashCode, which Tensor leaves as Object's identity.
   */
  private Map<Tensor, Node> produced = new WeakHashMap<>();

  private final Set<Tensor> watched = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean open = true;
  private boolean released;

  private GradientTape(boolean persistent, boolean watchAccessedVariables) {
    this.persistent = persistent;
    this.watchAccessedVariables = watchAccessedVariables;
  }

  /** Opens a non-persistent tape that watches trainable variables automatically. */
  public static GradientTape open() {
    return open(false, true);
  }

  /**
   * Opens a tape on the current thread.
   *
   * @param persistent whether {@link #gradient} may be called more than once
   * @param watchAccessedVariables whether trainable variables are watched without {@link #watch}
   */
  public static GradientTape open(boolean persistent, boolean watchAccessedVariables) {
    GradientTape tape = new GradientTape(persistent, watchAccessedVariables);
    ACTIVE.get().push(tape);
    return tape;
  }

  /** Makes the tape track {@code tensors} (for example inputs, or non-trainable variables). */
  public void watch(Tensor... tensors) {
    for (Tensor t : tensors) {
      watched.add(t);
    }
  }

  /** Stops recording. Gradients may still be computed from what was recorded. */
  @Override
  public void close() {
    if (open) {
      open = false;
      ACTIVE.get().remove(this);
    }
  }

  /** True when some tape is open and recording on this thread. */
  public static boolean isRecording() {
    return PAUSED.get() == 0 && !ACTIVE.get().isEmpty();
  }

  /**
   * True when an open tape that is recording tracks {@code t}, so that an op using {@code t} must
   * save what its gradient rule needs for {@code t}'s gradient. For op implementations: a rule
   * neither saves values for, nor computes, the gradient of an input nobody tracks.
   */
  public static boolean needsGradient(Tensor t) {
    if (t == null || !isRecording()) {
      return false;
    }
    for (GradientTape tape : ACTIVE.get()) {
      if (tape.tracks(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records an op on every open tape that tracks one of its inputs. For op implementations: call it
   * after computing {@code output}. The rule should capture only what it reads, and may return
   * {@code null} for inputs for which {@link #needsGradient} was false when the op ran.
   */
  public static void record(String op, Tensor output, Tensor[] inputs, Backward rule) {
    if (!isRecording()) {
      return;
    }
    for (GradientTape tape : ACTIVE.get()) {
      Object[] edges = new Object[inputs.length];
      Shape[] shapes = new Shape[inputs.length];
      boolean any = false;
      for (int k = 0; k < inputs.length; k++) {
        Tensor in = inputs[k];
        if (in == null) {
          continue;
        }
        Node from = tape.produced.get(in);
        edges[k] = from != null ? from : tape.tracks(in) ? in : null;
        shapes[k] = in.shape();
        any |= edges[k] != null;
      }
      if (any) {
        tape.produced.put(output, new Node(op, edges, shapes, rule));
      }
    }
  }

  private boolean tracks(Tensor t) {
    return produced.containsKey(t)
        || watched.contains(t)
        || (watchAccessedVariables && t instanceof Variable && ((Variable) t).isTrainable());
  }

  /**
   * The gradients of {@code target} with respect to each source, aligned with {@code sources}. A
   * non-scalar target is treated as the sum of its elements. A source the target does not depend on
   * gets {@code null}, as in TensorFlow (not zeros: callers can tell "unconnected" apart).
   *
   * @throws IllegalStateException if this non-persistent tape was already used, or is used from
   *     another thread
   */
  public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources) {
    if (released) {
      throw new IllegalStateException(
          "gradient: this tape was already used; open it with GradientTape.open(true, true) (a"
              + " persistent tape) to ask for several gradients");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("gradient: a tape must be used on the thread that opened it");
    }
    PAUSED.set(PAUSED.get() + 1);
    try {
      return backpropagate(target, sources);
    } finally {
      PAUSED.set(PAUSED.get() - 1);
      if (!persistent) {
        released = true;
        produced = new WeakHashMap<>();
        watched.clear();
      }
    }
  }

  /** Convenience for a single source. */
  public Tensor gradient(Tensor target, Tensor source) {
    return gradient(target, List.of(source)).get(0);
  }

  private List<Tensor> backpropagate(Tensor target, List<? extends Tensor> sources) {
    Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
    Map<Node, Tensor> sourceNodeGrads = new IdentityHashMap<>();
    for (Tensor s : sources) {
      Node n = produced.get(s);
      if (n != null) {
        sourceNodeGrads.put(n, null);
      }
    }
    Tensor ones = Tensor.ones(target.shape().dims());
    Node root = produced.get(target);
    if (root == null) {
      leafGrads.put(target, ones);
    } else {
      // Pending gradients are dropped as soon as their node has used them.
      Map<Node, Tensor> pending = new IdentityHashMap<>();
      pending.put(root, ones);
      List<Node> order = topologicalOrder(root);
      for (int i = order.size() - 1; i >= 0; i--) {
        Node node = order.get(i);
        Tensor g = pending.remove(node);
        if (g == null || node.rule == null) {
          continue;
        }
        if (sourceNodeGrads.containsKey(node)) {
          sourceNodeGrads.put(node, g);
        }
        Tensor[] inputGrads = node.rule.apply(g);
        if (!persistent) {
          node.rule = null; // frees what the rule saved
        }
        for (int k = 0; k < node.inputs.length; k++) {
          Object edge = node.inputs[k];
          Tensor gk = inputGrads[k];
          if (edge == null || gk == null) {
            continue;
          }
          if (!gk.shape().equals(node.inputShapes[k])) {
            throw new IllegalStateException(
                "internal error: gradient rule of '"
                    + node.op
                    + "' returned shape "
                    + gk.shape()
                    + " for an input of shape "
                    + node.inputShapes[k]);
          }
          if (edge instanceof Node) {
            pending.merge((Node) edge, gk, Ops::add);
          } else {
            leafGrads.merge((Tensor) edge, gk, Ops::add);
          }
        }
      }
    }
    List<Tensor> out = new ArrayList<>(sources.size());
    for (Tensor s : sources) {
      Node n = produced.get(s);
      out.add(n != null ? sourceNodeGrads.get(n) : leafGrads.get(s));
    }
    return out;
  }

  /** Nodes in an order where every node comes after the nodes that produced its inputs. */
  private static List<Node> topologicalOrder(Node root) {
    List<Node> order = new ArrayList<>();
    Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // Iterative DFS: deep models would overflow the stack with recursion.
    ArrayDeque<Node> nodes = new ArrayDeque<>();
    ArrayDeque<Integer> next = new ArrayDeque<>();
    nodes.push(root);
    next.push(0);
    visited.add(root);
    while (!nodes.isEmpty()) {
      Node node = nodes.peek();
      int k = next.pop();
      if (k < node.inputs.length) {
        next.push(k + 1);
        if (node.inputs[k] instanceof Node in && visited.add(in)) {
          nodes.push(in);
          next.push(0);
        }
      } else {
        nodes.pop();
        order.add(node);
      }
    }
    return order;
  }
}
