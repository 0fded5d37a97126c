package dev.graft.saving.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.initializers.Initializer;
import dev.graft.layers.Size2D;
import dev.graft.regularizers.Regularizer;

/** Writes one layer's {@code config} object with Keras's key names, in Keras's order. */
public final class ConfigWriter {
  private final ObjectNode node;
  private final String where;

  ConfigWriter(ObjectNode node, String where) {
    this.node = node;
    this.where = where;
  }

  public ConfigWriter put(String key, int value) {
    node.put(key, value);
    return this;
  }

  public ConfigWriter put(String key, float value) {
    node.set(key, KerasJson.number(value));
    return this;
  }

  public ConfigWriter put(String key, double value) {
    node.set(key, KerasJson.number(value));
    return this;
  }

  public ConfigWriter put(String key, boolean value) {
    node.put(key, value);
    return this;
  }

  /** A string, or JSON null for {@code null}. */
  public ConfigWriter put(String key, String value) {
    node.put(key, value);
    return this;
  }

  public ConfigWriter putNull(String key) {
    node.putNull(key);
    return this;
  }

  /** A seed, JSON null for an automatic one. */
  public ConfigWriter putSeed(Long seed) {
    if (seed == null) {
      node.putNull("seed");
    } else {
      node.put("seed", seed.longValue());
    }
    return this;
  }

  /** A pair as Keras's tuple: {@code [height, width]}. */
  public ConfigWriter put(String key, Size2D size) {
    node.set(key, KerasJson.array().add(size.height()).add(size.width()));
    return this;
  }

  public ConfigWriter put(String key, int[] values) {
    ArrayNode a = node.putArray(key);
    for (int v : values) {
      a.add(v);
    }
    return this;
  }

  /** Numbers, or JSON null for {@code null}. */
  public ConfigWriter put(String key, double[] values) {
    if (values == null) {
      return putNull(key);
    }
    ArrayNode a = node.putArray(key);
    for (double v : values) {
      a.add(KerasJson.number(v));
    }
    return this;
  }

  /** Numbers, or JSON null for {@code null}. */
  public ConfigWriter put(String key, float[] values) {
    if (values == null) {
      return putNull(key);
    }
    ArrayNode a = node.putArray(key);
    for (float v : values) {
      a.add(KerasJson.number(v));
    }
    return this;
  }

  /**
   * A shape as Keras's tuple, {@code -1} (an unknown size) written as {@code null}: {@code [null,
   * 1, 1, 8]}; JSON null for a {@code null} shape.
   */
  public ConfigWriter putShape(String key, int[] dims) {
    if (dims == null) {
      return putNull(key);
    }
    ArrayNode a = node.putArray(key);
    for (int d : dims) {
      if (d < 0) {
        a.addNull();
      } else {
        a.add(d);
      }
    }
    return this;
  }

  /** Pairs such as padding {@code [[top, bottom], [left, right]]}. */
  public ConfigWriter put(String key, int[][] pairs) {
    ArrayNode a = node.putArray(key);
    for (int[] p : pairs) {
      ArrayNode inner = a.addArray();
      for (int v : p) {
        inner.add(v);
      }
    }
    return this;
  }

  public ConfigWriter put(String key, Initializer init) {
    node.set(key, InitializerConfigs.write(init, where + " '" + key + "'"));
    return this;
  }

  /** A regularizer, JSON null for {@code null}. */
  public ConfigWriter put(String key, Regularizer r) {
    node.set(key, RegularizerConfigs.write(r, where + " '" + key + "'"));
    return this;
  }

  /**
   * Removes keys already written, for the few Keras layers whose own {@code get_config} leaves out
   * one of the keys every layer has (SpatialDropout2D has no {@code trainable}) or writes them in
   * another form; Keras 3's {@code from_config} rejects keys the constructor does not take.
   */
  public ConfigWriter remove(String... keys) {
    for (String k : keys) {
      node.remove(k);
    }
    return this;
  }

  /** JSON nulls for settings graft does not have (constraints, ...), as Keras writes them. */
  public ConfigWriter nulls(String... keys) {
    for (String k : keys) {
      node.putNull(k);
    }
    return this;
  }
}
