package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.regularizers.L1;
import dev.graft.regularizers.L1L2;
import dev.graft.regularizers.L2;
import dev.graft.regularizers.Regularizer;
import java.util.Locale;

/** Regularizers as Keras objects ({@code "class_name": "L2", "config": {"l2": 0.01}}) and back. */
final class RegularizerConfigs {
  private static final String MODULE = "keras.regularizers";

  private RegularizerConfigs() {}

  /** The Keras object, or JSON null for {@code null}. */
  static JsonNode write(Regularizer r, String where) {
    if (r == null) {
      return KerasJson.NODES.nullNode();
    }
    ObjectNode c = KerasJson.object();
    String name;
    if (r instanceof L1 l1) {
      name = "L1";
      c.set("l1", KerasJson.number(l1.l1()));
    } else if (r instanceof L2 l2) {
      name = "L2";
      c.set("l2", KerasJson.number(l2.l2()));
    } else if (r instanceof L1L2 both) {
      name = "L1L2";
      c.set("l1", KerasJson.number(both.l1()));
      c.set("l2", KerasJson.number(both.l2()));
    } else {
      throw new ConfigException(
          where
              + ": the regularizer "
              + r.getClass().getName()
              + " has no Keras config; use L1, L2 or L1L2 from dev.graft.regularizers");
    }
    return KerasJson.kerasObject(MODULE, name, c);
  }

  /** Reads a regularizer ({@code null} for JSON null), also Keras 2's forms and names. */
  static Regularizer read(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    String className;
    JsonNode config = KerasJson.object();
    if (node.isTextual()) {
      className = node.asText();
    } else if (node.isObject() && node.has("class_name")) {
      className = node.get("class_name").asText();
      if (node.get("config") != null && node.get("config").isObject()) {
        config = node.get("config");
      }
    } else {
      throw new ConfigException(where + ": cannot read the regularizer " + node);
    }
    ConfigReader c = new ConfigReader(config, where + " regularizer " + className);
    return switch (className.replace("_", "").toLowerCase(Locale.ROOT)) {
      case "l1" -> new L1(c.floatValue("l1", 0.01f));
      case "l2" -> new L2(c.floatValue("l2", 0.01f));
      case "l1l2" -> new L1L2(c.floatValue("l1", 0f), c.floatValue("l2", 0f));
      default ->
          throw new ConfigException(
              where
                  + ": the regularizer "
                  + className
                  + " is not supported by graft yet (supported: L1, L2, L1L2)");
    };
  }
}
