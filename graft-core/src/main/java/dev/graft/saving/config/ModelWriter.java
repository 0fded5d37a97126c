package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.layers.Layer;
import dev.graft.models.InputLayer;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.models.Sequential;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes models and layers as Keras 3 writes them ({@code serialize_keras_object} and {@code
 * Functional.get_config}).
 *
 * <p>Node indices: Keras numbers the calls of each layer; a model's config renumbers them counting
 * only the calls inside that model, and a nested functional model's own first node (linking its
 * inputs to its outputs) counts as call 0, so its first call inside another model is node 1.
 */
final class ModelWriter {
  private static final String FUNCTIONAL_MODULE = "keras.src.models.functional";

  private ModelWriter() {}

  /**
   * The entry of any layer or model, without the functional {@code name} / {@code inbound_nodes}.
   */
  static ObjectNode entry(Layer layer) {
    if (layer instanceof Sequential s) {
      return sequential(s);
    }
    if (layer instanceof Model m) {
      return functional(m);
    }
    if (layer instanceof InputLayer in) {
      return inputLayer(in);
    }
    LayerCodec<?> codec = LayerCodecs.forLayer(layer);
    ObjectNode config = baseConfig(layer);
    codec.write(layer, new ConfigWriter(config, where(layer)));
    ObjectNode entry = KerasJson.kerasObject("keras.layers", codec.className(), config);
    List<int[]> shapes = layer.buildShapes();
    if (codec.call().buildConfig() && shapes != null) {
      ObjectNode build = KerasJson.object();
      if (shapes.size() == 1) {
        build.set("input_shape", KerasJson.shape(shapes.get(0)));
      } else {
        ArrayNode list = build.putArray("input_shape");
        for (int[] s : shapes) {
          list.add(KerasJson.shape(s));
        }
      }
      entry.set("build_config", build);
    }
    return entry;
  }

  private static String where(Layer layer) {
    return "layer '" + layer.name() + "' (" + layer.typeName() + ")";
  }

  private static ObjectNode baseConfig(Layer layer) {
    ObjectNode config = KerasJson.object();
    config.put("name", layer.name());
    config.put("trainable", layer.isTrainable());
    config.set("dtype", KerasJson.float32Policy());
    return config;
  }

  private static ObjectNode inputLayer(InputLayer in) {
    ObjectNode config = KerasJson.object();
    config.set("batch_shape", KerasJson.shape(in.batchShape()));
    config.put("dtype", "float32");
    config.put("sparse", false);
    config.put("ragged", false);
    config.put("name", in.name());
    config.put("optional", false);
    return KerasJson.kerasObject("keras.layers", "InputLayer", config);
  }

  static ObjectNode sequential(Sequential s) {
    ObjectNode config = baseConfig(s);
    ArrayNode layers = config.putArray("layers");
    int[] inputShape = null;
    if (s.hasGraph()) {
      KerasTensor in = s.inputs().get(0);
      layers.add(entry(in.node().layer()));
      inputShape = in.shape();
    }
    for (Layer l : s.layers()) {
      layers.add(entry(l));
    }
    if (inputShape != null) {
      config.set("build_input_shape", KerasJson.shape(inputShape));
    }
    ObjectNode entry = KerasJson.kerasObject("keras", "Sequential", config);
    if (inputShape != null) {
      ObjectNode build = KerasJson.object();
      build.set("input_shape", KerasJson.shape(inputShape));
      entry.set("build_config", build);
    }
    entry.set("compile_config", KerasJson.object());
    return entry;
  }

  static ObjectNode functional(Model m) {
    if (!m.hasGraph()) {
      throw new ConfigException(
          "model '" + m.name() + "' has no graph yet; build it (call it once) before saving");
    }
    Map<Node, Integer> index = nodeIndices(m);
    ObjectNode config = KerasJson.object();
    config.put("name", m.name());
    config.put("trainable", m.isTrainable());
    ArrayNode layers = config.putArray("layers");
    for (Layer l : m.layers()) {
      ObjectNode e = entry(l);
      e.put("name", l.name());
      ArrayNode inbound = e.putArray("inbound_nodes");
      for (Node n : m.nodes()) {
        if (n.layer() == l && !n.inputs().isEmpty()) {
          inbound.add(node(n, index));
        }
      }
      layers.add(e);
    }
    config.set("input_layers", refs(m.inputs(), index));
    config.set("output_layers", refs(m.outputs(), index));
    ObjectNode entry = KerasJson.kerasObject(FUNCTIONAL_MODULE, "Functional", config);
    entry.put("registered_name", "Functional");
    ObjectNode build = KerasJson.object();
    build.putNull("input_shape");
    entry.set("build_config", build);
    entry.set("compile_config", KerasJson.object());
    return entry;
  }

  /** Each node's index among its layer's calls inside {@code m}, as Keras renumbers them. */
  private static Map<Node, Integer> nodeIndices(Model m) {
    Map<Layer, Integer> counts = new IdentityHashMap<>();
    Map<Node, Integer> index = new IdentityHashMap<>();
    for (Node n : m.nodes()) {
      Layer l = n.layer();
      int first = isFunctional(l) ? 1 : 0;
      int i = counts.merge(l, 1, Integer::sum) - 1 + first;
      index.put(n, i);
    }
    return index;
  }

  /** A functional model (not a Sequential) as a layer: it has a node of its own. */
  static boolean isFunctional(Layer l) {
    return l instanceof Model && !(l instanceof Sequential);
  }

  private static ObjectNode node(Node n, Map<Node, Integer> index) {
    ObjectNode node = KerasJson.object();
    ArrayNode args = node.putArray("args");
    if (n.inputs().size() == 1) {
      args.add(tensor(n.inputs().get(0), index));
    } else {
      ArrayNode list = args.addArray();
      for (KerasTensor t : n.inputs()) {
        list.add(tensor(t, index));
      }
    }
    ObjectNode kwargs = node.putObject("kwargs");
    CallSignature call = signature(n.layer());
    Boolean training = n.training() != null ? n.training() : call.defaultTraining();
    if (training != null) {
      kwargs.put("training", training);
    }
    if (call.mask()) {
      kwargs.putNull("mask");
    }
    return node;
  }

  /** The call signature of a layer; models take {@code training=None, mask=None}. */
  static CallSignature signature(Layer l) {
    if (l instanceof Model) {
      return new CallSignature(false, null, true);
    }
    return LayerCodecs.forLayer(l).call();
  }

  private static ObjectNode tensor(KerasTensor t, Map<Node, Integer> index) {
    ObjectNode config = KerasJson.object();
    config.set("shape", KerasJson.shape(t.shape()));
    config.put("dtype", "float32");
    config.set("keras_history", history(t, index));
    ObjectNode o = KerasJson.object();
    o.put("class_name", "__keras_tensor__");
    o.set("config", config);
    return o;
  }

  private static ArrayNode history(KerasTensor t, Map<Node, Integer> index) {
    return KerasJson.array().add(t.node().layer().name()).add(index.get(t.node())).add(t.index());
  }

  /** Keras writes one input or output as a single reference, several as a list of them. */
  private static JsonNode refs(List<KerasTensor> tensors, Map<Node, Integer> index) {
    if (tensors.size() == 1) {
      return history(tensors.get(0), index);
    }
    List<JsonNode> all = new ArrayList<>();
    for (KerasTensor t : tensors) {
      all.add(history(t, index));
    }
    return KerasJson.array().addAll(all);
  }
}
