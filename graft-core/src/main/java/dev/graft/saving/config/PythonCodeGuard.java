package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Refuses layers that carry Python code, as Keras's {@code safe_mode} does: {@code Lambda} layers
 * (whose {@code function} is Python bytecode) and any object serialized as a Python lambda. graft
 * never runs anything read from a model file; it does not even decode such code.
 */
final class PythonCodeGuard {
  private static final Set<String> CODE_LAYERS = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");

  private static final Set<String> MODELS = Set.of("Functional", "Model", "Sequential");

  private PythonCodeGuard() {}

  /** Throws if the layer entry holds Python code (models: their layers are checked one by one). */
  static void check(JsonNode entry, String layerName) {
    String className = KerasJson.text(entry, "class_name");
    if (MODELS.contains(className)) {
      return;
    }
    if (CODE_LAYERS.contains(className) || holdsCode(entry.get("config"))) {
      throw ConfigException.at(
          layerName,
          className,
          "this layer holds Python code, which graft never loads or runs (as Keras's"
              + " safe_mode=True refuses it). Replace the Lambda with built-in layers in Keras and"
              + " save the model again, or rebuild that part of the model in Java.");
    }
  }

  private static boolean holdsCode(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      if ("__lambda__".equals(KerasJson.text(node, "class_name")) || node.has("function_type")) {
        return true;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        if (holdsCode(it.next().getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        if (holdsCode(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
