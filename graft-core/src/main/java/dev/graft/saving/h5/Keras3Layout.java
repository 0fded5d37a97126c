package dev.graft.saving.h5;

import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Keras 3 keeps each layer's variables in a {@code .weights.h5} file (and in the {@code
 * model.weights.h5} of a {@code .keras} archive), as {@code saving_lib._save_state} lays them out.
 *
 * <ul>
 *   <li>Each layer's own variables are datasets {@code 0, 1, ...} (trainable-created first, then
 *       the others, in creation order) in a group {@code <path>/vars} whose attribute {@code name}
 *       is the layer's name; the outermost model's path is empty, so its group is {@code /vars}.
 *   <li>A functional model or Sequential lists its layers under {@code <path>/layers/}, each named
 *       by its class in snake case ({@code conv2d}, {@code batch_normalization}, {@code re_lu}),
 *       with {@code _1}, {@code _2}, ... for repeats within that list; never by layer name, which
 *       Keras generates and which differs between two builds of the same model. A functional
 *       model's list includes its input layers, a Sequential's does not; the order is Keras's
 *       {@code model.layers} ({@link KerasLayerOrder}).
 *   <li>Nested models repeat the pattern: {@code layers/functional/layers/conv2d/vars}.
 *   <li>A layer reached twice (shared) is stored at its first path only; it still takes its number
 *       in every list it appears in.
 * </ul>
 */
public final class Keras3Layout {
  private Keras3Layout() {}

  /**
   * One layer's place in the file.
   *
   * @param path the group path without the trailing {@code /vars} ("" for the outermost model)
   * @param layer the layer
   * @param variables its own variables, in the order of the datasets {@code 0, 1, ...}
   */
  public record Entry(String path, Layer layer, List<Variable> variables) {
    /** The group that holds the datasets. */
    public String varsPath() {
      return path.isEmpty() ? "vars" : path + "/vars";
    }
  }

  /** Every layer of {@code root} (itself first) in the order Keras visits them. */
  public static List<Entry> entries(Layer root) {
    List<Entry> out = new ArrayList<>();
    visit(root, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  private static void visit(Layer layer, String path, List<Entry> out, Set<Layer> visited) {
    if (!visited.add(layer)) {
      return;
    }
    out.add(new Entry(path, layer, ownVariables(layer)));
    if (layer instanceof Model model) {
      String base = path.isEmpty() ? "layers" : path + "/layers";
      Map<String, Integer> used = new HashMap<>();
      for (Layer child : KerasLayerOrder.layers(model)) {
        String name = unique(LayerNames.snakeCase(child.typeName()), used);
        visit(child, base + "/" + name, out, visited);
      }
    } else if (!layer.sublayers().isEmpty()) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + ") has sublayers; Keras 3 files store those under the Python attribute that holds"
              + " them, which graft does not know for this layer type");
    }
  }

  /** Keras's {@code _get_unique_name}: the first is {@code name}, then {@code name_1}, ... */
  private static String unique(String name, Map<String, Integer> used) {
    Integer n = used.get(name);
    if (n == null) {
      used.put(name, 0);
      return name;
    }
    used.put(name, n + 1);
    return name + "_" + (n + 1);
  }

  /** The variables a layer created itself: its weights less its sublayers'. */
  static List<Variable> ownVariables(Layer layer) {
    Set<Variable> inSublayers = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Layer s : layer.sublayers()) {
      inSublayers.addAll(s.weights());
    }
    List<Variable> own = new ArrayList<>();
    for (Variable v : layer.weights()) {
      if (!inSublayers.contains(v)) {
        own.add(v);
      }
    }
    return own;
  }
}
