package dev.graft.saving.h5;

import dev.graft.layers.Layer;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.models.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of Keras's {@code model.layers} for a functional model, which weights files depend on
 * (legacy {@code .h5} files list layers in it; Keras 3 files number repeated classes in it).
 *
 * <p>Keras ({@code keras/src/ops/function.py}, {@code map_graph}) gives each layer a depth, the
 * longest path from it to an output, lists layers by decreasing depth, and breaks ties by the order
 * in which a depth-first walk from the outputs (through each node's inputs in order) first meets
 * them. That differs from the order in which layers were called when a graph branches: in an
 * Xception block the shortcut's Conv2D, called first, comes after the main branch's first layers,
 * which are farther from the output. A Sequential lists its layers in the order they were added.
 */
public final class KerasLayerOrder {
  private KerasLayerOrder() {}

  /** The layers of {@code model} in Keras's order. */
  public static List<Layer> layers(Model model) {
    if (model instanceof Sequential || !model.hasGraph()) {
      return model.layers();
    }
    List<Node> postOrder = new ArrayList<>();
    Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
    Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor out : model.outputs()) {
      walk(out.node(), finished, postOrder, firstSeen);
    }
    Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
    Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      Node node = postOrder.get(i);
      int depth =
          Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
      layerDepth.put(node.layer(), depth);
      nodeDepth.put(node, depth);
      for (KerasTensor in : node.inputs()) {
        nodeDepth.merge(in.node(), depth + 1, Math::max);
      }
    }
    // Inputs the outputs do not depend on still belong to the model, first among equals.
    for (KerasTensor in : model.inputs()) {
      Layer l = in.node().layer();
      if (!layerDepth.containsKey(l)) {
        layerDepth.put(l, 0);
        firstSeen.put(l, -1);
      }
    }
    List<Layer> order = new ArrayList<>(layerDepth.keySet());
    order.sort(
        Comparator.<Layer>comparingInt(l -> -layerDepth.get(l))
            .thenComparingInt(l -> firstSeen.get(l)));
    return order;
  }

  private static void walk(
      Node node, Set<Node> finished, List<Node> postOrder, Map<Layer, Integer> firstSeen) {
    // An explicit stack: graphs of a few hundred layers would be fine recursively, deep ones not.
    record Frame(Node node, int next) {}
    List<Frame> stack = new ArrayList<>();
    if (finished.contains(node)) {
      return;
    }
    firstSeen.putIfAbsent(node.layer(), firstSeen.size());
    stack.add(new Frame(node, 0));
    Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    inProgress.add(node);
    while (!stack.isEmpty()) {
      Frame top = stack.remove(stack.size() - 1);
      List<KerasTensor> inputs = top.node().inputs();
      if (top.next() < inputs.size()) {
        stack.add(new Frame(top.node(), top.next() + 1));
        Node parent = inputs.get(top.next()).node();
        if (!finished.contains(parent) && inProgress.add(parent)) {
          firstSeen.putIfAbsent(parent.layer(), firstSeen.size());
          stack.add(new Frame(parent, 0));
        }
      } else {
        finished.add(top.node());
        inProgress.remove(top.node());
        postOrder.add(top.node());
      }
    }
  }
}
