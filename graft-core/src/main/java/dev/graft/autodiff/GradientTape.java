package dev.graft.autodiff;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 */
public final class GradientTape implements AutoCloseable {
  private static final ThreadLocal<ArrayDeque<GradientTape>> ACTIVE =
      ThreadLocal.withInitial(ArrayDeque::new);
  private static final ThreadLocal<Integer> PAUSED = ThreadLocal.withInitial(() -> 0);

  private record Node(String op, Tensor[] inputs, Backward rule) {}

  private final boolean persistent;
  private final boolean watchAccessedVariables;
  private final Thread owner = Thread.currentThread();
  private Map<Tensor, Node> nodes = new IdentityHashMap<>();
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
   * Records an op on every open tape that tracks one of its inputs. For op implementations: call it
   * after computing {@code output}.
   */
  public static void record(String op, Tensor output, Tensor[] inputs, Backward rule) {
    if (!isRecording()) {
      return;
    }
    for (GradientTape tape : ACTIVE.get()) {
      for (Tensor in : inputs) {
        if (in != null && tape.tracks(in)) {
          tape.nodes.put(output, new Node(op, inputs.clone(), rule));
          break;
        }
      }
    }
  }

  private boolean tracks(Tensor t) {
    return nodes.containsKey(t)
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
      Map<Tensor, Tensor> grads = backpropagate(target);
      List<Tensor> out = new ArrayList<>(sources.size());
      for (Tensor s : sources) {
        out.add(grads.get(s));
      }
      return out;
    } finally {
      PAUSED.set(PAUSED.get() - 1);
      if (!persistent) {
        released = true;
        nodes = new IdentityHashMap<>();
        watched.clear();
      }
    }
  }

  /** Convenience for a single source. */
  public Tensor gradient(Tensor target, Tensor source) {
    return gradient(target, List.of(source)).get(0);
  }

  private Map<Tensor, Tensor> backpropagate(Tensor target) {
    List<Tensor> order = topologicalOrder(target);
    Map<Tensor, Tensor> grads = new IdentityHashMap<>();
    grads.put(target, Tensor.ones(target.shape().dims()));
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor out = order.get(i);
      Node node = nodes.get(out);
      Tensor g = grads.get(out);
      if (node == null || g == null) {
        continue;
      }
      Tensor[] inputGrads = node.rule().apply(g);
      for (int k = 0; k < node.inputs().length; k++) {
        Tensor in = node.inputs()[k];
        Tensor gk = inputGrads[k];
        if (in == null || gk == null || !tracks(in)) {
          continue;
        }
        if (!gk.shape().equals(in.shape())) {
          throw new IllegalStateException(
              "internal error: gradient rule of '"
                  + node.op()
                  + "' returned shape "
                  + gk.shape()
                  + " for an input of shape "
                  + in.shape());
        }
        Tensor prev = grads.get(in);
        grads.put(in, prev == null ? gk : Ops.add(prev, gk));
      }
    }
    return grads;
  }

  /** Outputs in an order where every node comes after the nodes that produced its inputs. */
  private List<Tensor> topologicalOrder(Tensor target) {
    List<Tensor> order = new ArrayList<>();
    Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // Iterative DFS: deep models would overflow the stack with recursion.
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {target, 0});
    visited.add(target);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Tensor t = (Tensor) frame[0];
      int next = (Integer) frame[1];
      Node node = nodes.get(t);
      Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
      if (next < inputs.length) {
        frame[1] = next + 1;
        Tensor in = inputs[next];
        if (in != null && visited.add(in)) {
          stack.push(new Object[] {in, 0});
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }
}
