package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graft.layers.Layer;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds models from Keras 3 configs and from Keras 2 ones (tf.keras 2.x, Keras 2.1-2.3): entries
 * without {@code module}, list-style Sequential configs, {@code batch_input_shape}, and inbound
 * nodes written as {@code [[["layer", node, tensor, {kwargs}]]]}.
 */
final class ModelReader {
  private static final Set<String> FLOAT32_POLICIES =
      Set.of("float32", "mixed_float16", "mixed_bfloat16");

  private ModelReader() {}

  /** The model a top-level config describes. */
  static Model model(JsonNode root) {
    if (root == null || !root.isObject() || !root.has("class_name")) {
      throw new ConfigException(
          "not a Keras model config: expected an object with \"class_name\" and \"config\"");
    }
    String className = KerasJson.text(root, "class_name");
    Layer l = entry(root, null);
    if (!(l instanceof Model m)) {
      throw new ConfigException(
          "the config describes a single " + className + " layer, not a model");
    }
    return m;
  }

  /** Any layer or model entry; {@code fallbackName} names it when its config does not. */
  static Layer entry(JsonNode entry, String fallbackName) {
    String className = KerasJson.text(entry, "class_name");
    JsonNode config = entry.get("config");
    String name = config != null ? KerasJson.text(config, "name") : null;
    if (name == null) {
      name = KerasJson.text(entry, "name");
    }
    if (name == null) {
      name = fallbackName;
    }
    if (className == null) {
      throw new ConfigException("layer '" + name + "': its config has no \"class_name\"");
    }
    PythonCodeGuard.check(entry, name);
    switch (className) {
      case "Functional", "Model" -> {
        return functional(entry, name);
      }
      case "Sequential" -> {
        return sequential(entry, name);
      }
      case "InputLayer" ->
          throw ConfigException.at(name, className, "an InputLayer is only valid inside a model");
      default -> {
        checkNotCustom(entry, className, name);
        return layer(className, config, name);
      }
    }
  }

  /**
   * Keras records a class registered by user code as {@code "package>Name"} in {@code
   * registered_name}: its Python code is not in the file, so nothing can rebuild it.
   */
  private static void checkNotCustom(JsonNode entry, String className, String name) {
    String registered = KerasJson.text(entry, "registered_name");
    if (registered != null
        && registered.contains(">")
        && LayerCodecs.forClassName(className) == null) {
      throw ConfigException.at(
          name,
          className,
          "a custom Python class (registered as '"
              + registered
              + "'), whose code is not in the file; graft rebuilds Keras's built-in layers and"
              + " Functional/Sequential models only: build this architecture in Java and load the"
              + " weights with KerasWeights.load");
    }
  }

  private static Layer layer(String className, JsonNode config, String name) {
    LayerCodec<?> codec = LayerCodecs.forClassName(className);
    if (codec == null) {
      throw ConfigException.at(
          name,
          className,
          "graft does not support the layer type "
              + className
              + " yet; the types it reads are "
              + String.join(", ", LayerCodecs.classNames())
              + ", InputLayer, Sequential and Functional");
    }
    if (config == null || !config.isObject()) {
      throw ConfigException.at(name, className, "its \"config\" is missing or not an object");
    }
    ConfigReader c = new ConfigReader(config, "layer '" + name + "' (" + className + ")", name);
    checkDtype(c);
    Layer layer;
    try {
      layer = codec.read(c);
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(name, className, e.getMessage());
    }
    if (!c.bool("trainable", true)) {
      layer.setTrainable(false);
    }
    return layer;
  }

  private static void checkDtype(ConfigReader c) {
    JsonNode d = c.get("dtype");
    String policy =
        d == null ? null : d.isTextual() ? d.asText() : KerasJson.text(d.get("config"), "name");
    if (d != null && !FLOAT32_POLICIES.contains(policy)) {
      throw c.error(
          "dtype policy "
              + d
              + " is not supported: graft computes in float32 (float32 and mixed_* policies,"
              + " whose weights are float32, are read)");
    }
  }

  // ---- Sequential ----

  private static Sequential sequential(JsonNode entry, String name) {
    JsonNode config = entry.get("config");
    JsonNode layers = config != null && config.isArray() ? config : null;
    if (layers == null && config != null && config.isObject()) {
      layers = config.get("layers");
    }
    if (layers == null || !layers.isArray()) {
      throw new ConfigException("Sequential '" + name + "': its config has no list of layers");
    }
    Sequential s = new Sequential(name);
    int first = 0;
    int[] batchShape = null;
    String inputName = null;
    if (layers.size() > 0 && "InputLayer".equals(KerasJson.text(layers.get(0), "class_name"))) {
      JsonNode in = layers.get(0).get("config");
      inputName = KerasJson.text(in, "name");
      batchShape = inputBatchShape(in, inputName);
      first = 1;
    } else if (layers.size() > 0 && hasKey(layers.get(0).get("config"), "batch_input_shape")) {
      JsonNode c = layers.get(0).get("config");
      // Keras 2 named the implicit input after the first layer.
      inputName = KerasJson.text(c, "name") + "_input";
      batchShape = KerasJson.readShape(c.get("batch_input_shape"), "batch_input_shape");
    } else if (config.isObject() && hasKey(config, "build_input_shape")) {
      batchShape = KerasJson.readShape(config.get("build_input_shape"), "build_input_shape");
    } else if (hasKey(entry.get("build_config"), "input_shape")) {
      batchShape = KerasJson.readShape(entry.get("build_config").get("input_shape"), "input_shape");
    }
    if (batchShape == null) {
      throw new ConfigException(
          "Sequential '"
              + name
              + "': the config has no input shape (no InputLayer, batch_input_shape or"
              + " build_input_shape), so graft cannot build it; save the model after building it");
    }
    s.withInput(inputName, featureShape(batchShape, inputName == null ? name : inputName));
    for (int i = first; i < layers.size(); i++) {
      Layer l = entry(layers.get(i), null);
      try {
        s.add(l);
      } catch (ConfigException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw ConfigException.at(l.name(), l.typeName(), e.getMessage());
      }
    }
    if (config.isObject()
        && !new ConfigReader(config, "Sequential '" + name + "'").bool("trainable", true)) {
      s.setTrainable(false);
    }
    return s;
  }

  private static boolean hasKey(JsonNode o, String key) {
    return o != null && o.isObject() && o.get(key) != null && !o.get(key).isNull();
  }

  private static int[] inputBatchShape(JsonNode config, String name) {
    if (config == null) {
      throw new ConfigException("InputLayer '" + name + "': its config is missing");
    }
    ConfigReader c = new ConfigReader(config, "InputLayer '" + name + "'");
    c.requireValue("sparse", false);
    c.requireValue("ragged", false);
    JsonNode dtype = c.get("dtype");
    if (dtype != null && dtype.isTextual() && !dtype.asText().equals("float32")) {
      throw c.error("dtype " + dtype + " is not supported: graft's inputs are float32");
    }
    for (String key : List.of("batch_shape", "batch_input_shape")) {
      if (c.has(key)) {
        return KerasJson.readShape(c.get(key), key);
      }
    }
    if (c.has("shape")) {
      int[] s = KerasJson.readShape(c.get("shape"), "shape");
      int[] withBatch = new int[s.length + 1];
      withBatch[0] = -1;
      System.arraycopy(s, 0, withBatch, 1, s.length);
      return withBatch;
    }
    throw c.error("it has no batch_shape");
  }

  /** The shape without the batch axis; graft needs every other axis known. */
  private static int[] featureShape(int[] batchShape, String name) {
    int[] s = Arrays.copyOfRange(batchShape, 1, batchShape.length);
    for (int d : s) {
      if (d < 1) {
        throw new ConfigException(
            "input '"
                + name
                + "' has shape "
                + Layer.formatShape(batchShape)
                + "; graft needs every axis but the batch axis known");
      }
    }
    return s;
  }

  // ---- Functional ----

  /** The layers of a functional config as they are created and called. */
  private static final class Graph {
    final String modelName;
    final Map<String, Layer> layers = new LinkedHashMap<>();
    final Map<String, List<List<KerasTensor>>> outputs = new HashMap<>();
    final Map<String, Boolean> legacy = new HashMap<>();

    Graph(String modelName) {
      this.modelName = modelName;
    }

    /** A produced tensor, or {@code null} if that node has not been made yet. */
    KerasTensor tensor(String layer, int nodeIndex, int tensorIndex) {
      Layer l = layers.get(layer);
      if (l == null) {
        throw new ConfigException(
            "model '" + modelName + "': a node refers to the unknown layer '" + layer + "'");
      }
      // A nested functional model's node 0 is its own (inputs to outputs), not a call here;
      // Keras 2 models (also Sequential ones) had that node too.
      boolean ownNode = ModelWriter.isFunctional(l) || (l instanceof Model && legacy.get(layer));
      int i = nodeIndex - (ownNode ? 1 : 0);
      List<List<KerasTensor>> made = outputs.get(layer);
      if (i < 0 || i >= made.size()) {
        return null;
      }
      List<KerasTensor> outs = made.get(i);
      if (tensorIndex < 0 || tensorIndex >= outs.size()) {
        throw new ConfigException(
            "model '"
                + modelName
                + "': a node asks for output "
                + tensorIndex
                + " of layer '"
                + layer
                + "', which has "
                + outs.size());
      }
      return outs.get(tensorIndex);
    }

    /** A reference {@code [layer, node, tensor]}. */
    KerasTensor ref(JsonNode r) {
      if (r == null || !r.isArray() || r.size() < 3 || !r.get(0).isTextual()) {
        throw new ConfigException(
            "model '" + modelName + "': expected a [layer, node, tensor] reference, got " + r);
      }
      return tensor(r.get(0).asText(), r.get(1).asInt(), r.get(2).asInt());
    }
  }

  private static Model functional(JsonNode entry, String name) {
    JsonNode config = entry.get("config");
    if (config == null || !config.isObject() || !config.has("layers")) {
      throw new ConfigException("model '" + name + "': its config has no list of layers");
    }
    Graph g = new Graph(name);
    Map<String, Deque<JsonNode>> pending = new LinkedHashMap<>();
    for (JsonNode layerData : config.get("layers")) {
      JsonNode lc = layerData.get("config");
      String layerName = KerasJson.text(layerData, "name");
      if (layerName == null) {
        layerName = KerasJson.text(lc, "name");
      }
      if (g.layers.containsKey(layerName)) {
        throw new ConfigException("model '" + name + "': two layers are named '" + layerName + "'");
      }
      List<List<KerasTensor>> made = new ArrayList<>();
      g.outputs.put(layerName, made);
      g.legacy.put(layerName, !layerData.has("module"));
      if ("InputLayer".equals(KerasJson.text(layerData, "class_name"))) {
        int[] batch = inputBatchShape(lc, layerName);
        KerasTensor in = Input.named(layerName, featureShape(batch, layerName));
        g.layers.put(layerName, in.node().layer());
        made.add(List.of(in));
        continue;
      }
      g.layers.put(layerName, entry(layerData, layerName));
      Deque<JsonNode> nodes = new ArrayDeque<>();
      JsonNode inbound = layerData.get("inbound_nodes");
      if (inbound != null) {
        inbound.forEach(nodes::add);
      }
      pending.put(layerName, nodes);
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Map.Entry<String, Deque<JsonNode>> e : pending.entrySet()) {
        Deque<JsonNode> nodes = e.getValue();
        while (!nodes.isEmpty() && call(g, e.getKey(), nodes.peek())) {
          nodes.poll();
          progress = true;
        }
      }
    }
    for (Map.Entry<String, Deque<JsonNode>> e : pending.entrySet()) {
      if (!e.getValue().isEmpty()) {
        throw new ConfigException(
            "model '"
                + name
                + "': the call of layer '"
                + e.getKey()
                + "' on "
                + e.getValue().peek()
                + " refers to nodes that are never made (the graph has a loop or a missing"
                + " layer)");
      }
    }
    List<KerasTensor> ins = refs(g, config.get("input_layers"), "input_layers");
    List<KerasTensor> outs = refs(g, config.get("output_layers"), "output_layers");
    Model m;
    try {
      m = new Model(ins, outs, name);
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("model '" + name + "': " + e.getMessage(), e);
    }
    if (!new ConfigReader(config, "model '" + name + "'").bool("trainable", true)) {
      m.setTrainable(false);
    }
    return m;
  }

  private static List<KerasTensor> refs(Graph g, JsonNode refs, String key) {
    if (refs == null || !refs.isArray() || refs.isEmpty()) {
      throw new ConfigException("model '" + g.modelName + "': '" + key + "' is missing");
    }
    List<KerasTensor> out = new ArrayList<>();
    if (refs.get(0).isTextual()) {
      out.add(resolved(g, refs, key));
    } else {
      for (JsonNode r : refs) {
        out.add(resolved(g, r, key));
      }
    }
    return out;
  }

  private static KerasTensor resolved(Graph g, JsonNode ref, String key) {
    KerasTensor t = g.ref(ref);
    if (t == null) {
      throw new ConfigException(
          "model '" + g.modelName + "': " + key + " refers to a node never made: " + ref);
    }
    return t;
  }

  /** Makes one call of a layer if its inputs exist; false if they do not yet. */
  private static boolean call(Graph g, String layerName, JsonNode node) {
    List<KerasTensor> inputs = new ArrayList<>();
    JsonNode kwargs;
    if (node.isArray()) {
      // Keras 2: [["layer", node, tensor, {kwargs}], ...]
      kwargs = null;
      for (JsonNode r : node) {
        KerasTensor t = g.ref(r);
        if (t == null) {
          return false;
        }
        inputs.add(t);
        if (r.size() > 3 && r.get(3).isObject() && !r.get(3).isEmpty()) {
          kwargs = r.get(3);
        }
      }
    } else {
      JsonNode args = node.get("args");
      if (args == null || !args.isArray() || args.size() != 1) {
        throw ConfigException.at(
            layerName,
            g.layers.get(layerName).typeName(),
            "graft supports calls with one positional argument (a tensor or a list of"
                + " tensors), got args "
                + args);
      }
      JsonNode arg = args.get(0);
      for (JsonNode t : arg.isArray() ? arg : List.of(arg)) {
        KerasTensor k = g.ref(t.path("config").get("keras_history"));
        if (k == null) {
          return false;
        }
        inputs.add(k);
      }
      kwargs = node.get("kwargs");
    }
    Layer layer = g.layers.get(layerName);
    Boolean training = training(layer, kwargs);
    List<KerasTensor> outs;
    try {
      outs = layer.applySymbolic(inputs, training);
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ConfigException.at(layerName, layer.typeName(), e.getMessage());
    }
    g.outputs.get(layerName).add(outs);
    return true;
  }

  /**
   * The {@code training} value to fix for a call. Keras records a layer's non-None default
   * (Dropout: false; image preprocessing: true) as if it were given; only a value other than the
   * default was really fixed by the caller (a base model called with {@code training=False}).
   */
  private static Boolean training(Layer layer, JsonNode kwargs) {
    if (kwargs == null || !kwargs.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : kwargs.properties()) {
      String k = e.getKey();
      if (!k.equals("training") && !k.equals("mask") && !e.getValue().isNull()) {
        throw ConfigException.at(
            layer.name(),
            layer.typeName(),
            "the call argument " + k + "=" + e.getValue() + " is not supported by graft");
      }
    }
    JsonNode t = kwargs.get("training");
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isBoolean()) {
      throw ConfigException.at(
          layer.name(), layer.typeName(), "training must be true, false or null, got " + t);
    }
    Boolean dflt = ModelWriter.signature(layer).defaultTraining();
    return dflt != null && dflt == t.asBoolean() ? null : t.asBoolean();
  }
}
