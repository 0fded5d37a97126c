package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graft.initializers.Initializer;
import dev.graft.layers.Size2D;
import dev.graft.regularizers.Regularizer;

/**
 * Typed, checked access to one config object (a layer's {@code config}, an initializer's, ...).
 * Absent keys and JSON nulls take the given default, as Keras's constructor defaults do; a value of
 * the wrong kind, or a setting graft does not implement, is an error naming {@code where} (e.g.
 * {@code layer 'conv' (Conv2D)}), the key and the value.
 */
public final class ConfigReader {
  private final JsonNode config;
  private final String where;
  private final String layerName;

  ConfigReader(JsonNode config, String where) {
    this(config, where, null);
  }

  ConfigReader(JsonNode config, String where, String layerName) {
    this.config = config;
    this.where = where;
    this.layerName = layerName;
  }

  /** The name of the layer this config belongs to ({@code null} for other configs). */
  public String layerName() {
    return layerName;
  }

  /** Where this config is, for messages: {@code layer 'conv' (Conv2D)}. */
  public String where() {
    return where;
  }

  /** The raw value, or {@code null} when absent or JSON null. */
  public JsonNode get(String key) {
    JsonNode v = config.get(key);
    return v == null || v.isNull() ? null : v;
  }

  public boolean has(String key) {
    return get(key) != null;
  }

  /** An error about this config. */
  public ConfigException error(String message) {
    return new ConfigException(where + ": " + message);
  }

  private ConfigException wrong(String key, String expected) {
    return error("'" + key + "' must be " + expected + ", got " + config.get(key));
  }

  public int intValue(String key) {
    JsonNode v = get(key);
    if (v == null) {
      throw error("the setting '" + key + "' is missing");
    }
    return toInt(key, v);
  }

  public int intValue(String key, int dflt) {
    JsonNode v = get(key);
    return v == null ? dflt : toInt(key, v);
  }

  private int toInt(String key, JsonNode v) {
    // A list of one, as Keras 2 sometimes wrote an axis ([3]).
    if (v.isArray() && v.size() == 1) {
      v = v.get(0);
    }
    if (v.isNumber() && v.canConvertToInt() && v.asDouble() == v.asInt()) {
      return v.asInt();
    }
    throw wrong(key, "an integer");
  }

  public float floatValue(String key, float dflt) {
    return (float) doubleValue(key, dflt);
  }

  public double doubleValue(String key, double dflt) {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw wrong(key, "a number");
    }
    return v.asDouble();
  }

  public boolean bool(String key, boolean dflt) {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw wrong(key, "true or false");
    }
    return v.asBoolean();
  }

  public String text(String key, String dflt) {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw wrong(key, "a string");
    }
    return v.asText();
  }

  /** A seed: an integer or null (an automatic one). */
  public Long seed() {
    JsonNode v = get("seed");
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrong("seed", "an integer or null");
    }
    return v.asLong();
  }

  /** An int or an {@code (height, width)} pair. */
  public Size2D size2D(String key, Size2D dflt) {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    int[] a = ints(key);
    if (a.length == 1) {
      return Size2D.of(a[0]);
    }
    if (a.length != 2) {
      throw wrong(key, "an integer or a pair of integers");
    }
    return Size2D.of(a[0], a[1]);
  }

  /** A number or a list of integers. */
  public int[] ints(String key) {
    JsonNode v = get(key);
    if (v == null) {
      throw error("the setting '" + key + "' is missing");
    }
    if (!v.isArray()) {
      return new int[] {toInt(key, v)};
    }
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = v.get(i);
      if (!d.isNumber() || !d.canConvertToInt() || d.asDouble() != d.asInt()) {
        throw wrong(key, "a list of integers");
      }
      out[i] = d.asInt();
    }
    return out;
  }

  /**
   * A shape such as Keras's {@code noise_shape}: a list of integers and nulls (an unknown size),
   * nulls returned as {@code -1}; {@code null} when absent or null.
   */
  public int[] shape(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw wrong(key, "a list of integers and nulls");
    }
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = v.get(i);
      if (d.isNull()) {
        out[i] = -1;
      } else if (d.isNumber()
          && d.canConvertToInt()
          && d.asDouble() == d.asInt()
          && d.asInt() > 0) {
        out[i] = d.asInt();
      } else {
        throw wrong(key, "a list of positive integers and nulls");
      }
    }
    return out;
  }

  /**
   * A number or a list of numbers; {@code null} when absent or null. Keras 3 writes a NumPy array
   * as {@code {"class_name": "__numpy__", "config": {"value": [...]}}}, which is read too.
   */
  public double[] doubles(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return new double[] {v.asDouble()};
    }
    if (v.isObject() && "__numpy__".equals(v.path("class_name").asText())) {
      v = v.path("config").path("value");
      if (v.isNumber()) {
        return new double[] {v.asDouble()};
      }
    }
    if (!v.isArray()) {
      throw wrong(key, "a number or a list of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw wrong(key, "a number or a list of numbers");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  /**
   * Padding or cropping of a 2-D layer: an int {@code n}, a pair {@code (h, w)} (symmetric) or
   * {@code ((top, bottom), (left, right))}.
   */
  public int[][] margins(String key) {
    JsonNode v = get(key);
    if (v == null) {
      throw error("the setting '" + key + "' is missing");
    }
    if (v.isNumber()) {
      int n = toInt(key, v);
      return new int[][] {{n, n}, {n, n}};
    }
    if (v.isArray() && v.size() == 2) {
      int[][] out = new int[2][];
      for (int i = 0; i < 2; i++) {
        JsonNode p = v.get(i);
        if (p.isNumber()) {
          int n = toInt(key, p);
          out[i] = new int[] {n, n};
        } else if (p.isArray() && p.size() == 2) {
          out[i] = new int[] {toInt(key, p.get(0)), toInt(key, p.get(1))};
        } else {
          throw wrong(key, "an int, (h, w) or ((top, bottom), (left, right))");
        }
      }
      return out;
    }
    throw wrong(key, "an int, (h, w) or ((top, bottom), (left, right))");
  }

  /** An activation name; Keras 3 writes built-in activations as their names. */
  public String activation(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return "linear";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isObject() && v.has("config") && v.get("config").isTextual()) {
      return v.get("config").asText();
    }
    throw error(
        "the activation "
            + v
            + " is not a built-in Keras activation name; graft supports only those");
  }

  public Initializer initializer(String key, Initializer dflt) {
    JsonNode v = get(key);
    return v == null ? dflt : InitializerConfigs.read(v, where + " '" + key + "'");
  }

  /** A regularizer, or {@code null} for none. */
  public Regularizer regularizer(String key) {
    return RegularizerConfigs.read(get(key), where + " '" + key + "'");
  }

  /** Refuses a setting graft does not implement unless it is absent or null. */
  public void requireNullOrAbsent(String key) {
    if (get(key) != null) {
      throw error(
          "'" + key + "' = " + config.get(key) + " is not supported by graft; only null (none) is");
    }
  }

  /** Refuses a value other than {@code expected} (absent or null is fine). */
  public void requireValue(String key, Object expected) {
    JsonNode v = get(key);
    if (v == null) {
      return;
    }
    boolean ok;
    if (expected instanceof String s) {
      ok = v.isTextual() && v.asText().equals(s);
    } else if (expected instanceof Boolean b) {
      ok = v.isBoolean() && v.asBoolean() == b;
    } else if (expected instanceof Integer i) {
      ok = v.isNumber() && v.asDouble() == i;
    } else {
      ok = false;
    }
    if (!ok) {
      throw error("'" + key + "' = " + v + " is not supported by graft; only " + expected + " is");
    }
  }

  /** Refuses {@code data_format} other than {@code channels_last} (graft works in NHWC). */
  public void requireChannelsLast() {
    JsonNode v = get("data_format");
    if (v != null && !"channels_last".equals(v.asText())) {
      throw error(
          "data_format "
              + v
              + " is not supported: graft works in channels_last (NHWC) only; save the model"
              + " with data_format=\"channels_last\"");
    }
  }
}
