package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The JSON pieces every Keras config shares: objects, numbers, shapes, the dtype policy. */
final class KerasJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KerasJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * A float as the shortest decimal that reads back as the same float: {@code 0.99f} is written
   * {@code 0.99}, as Python writes the double the user typed, not {@code 0.9900000095367432}.
   */
  static JsonNode number(float value) {
    if (!Float.isFinite(value)) {
      throw new ConfigException("cannot write the non-finite number " + value + " in a config");
    }
    return NODES.numberNode(new BigDecimal(Float.toString(value)).doubleValue());
  }

  static JsonNode number(double value) {
    if (!Double.isFinite(value)) {
      throw new ConfigException("cannot write the non-finite number " + value + " in a config");
    }
    return NODES.numberNode(value);
  }

  /** A Keras object: {@code {module, class_name, config, registered_name}}. */
  static ObjectNode kerasObject(String module, String className, ObjectNode config) {
    ObjectNode o = object();
    o.put("module", module);
    o.put("class_name", className);
    o.set("config", config);
    o.putNull("registered_name");
    return o;
  }

  /** Keras 3's float32 dtype policy object. */
  static ObjectNode float32Policy() {
    ObjectNode config = object();
    config.put("name", "float32");
    return kerasObject("keras", "DTypePolicy", config);
  }

  /** A shape as a JSON list, {@code -1} written as {@code null} (Python's None). */
  static ArrayNode shape(int[] shape) {
    ArrayNode a = array();
    for (int d : shape) {
      if (d < 0) {
        a.addNull();
      } else {
        a.add(d);
      }
    }
    return a;
  }

  /** A JSON list of non-negative ints or nulls as a shape, {@code null} read as {@code -1}. */
  static int[] readShape(JsonNode list, String what) {
    if (list == null || !list.isArray()) {
      throw new ConfigException(what + " must be a list of sizes, got " + list);
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = list.get(i);
      if (d.isNull()) {
        out[i] = -1;
      } else if (d.canConvertToInt() && d.isIntegralNumber()) {
        out[i] = d.intValue();
      } else {
        throw new ConfigException(what + " must be a list of sizes, got " + list);
      }
    }
    return out;
  }

  /** A text field of an object, or {@code null} when absent or not text. */
  static String text(JsonNode node, String key) {
    JsonNode v = node == null ? null : node.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
