package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.initializers.Constant;
import dev.graft.initializers.GlorotNormal;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.HeNormal;
import dev.graft.initializers.HeUniform;
import dev.graft.initializers.Initializer;
import dev.graft.initializers.LecunNormal;
import dev.graft.initializers.LecunUniform;
import dev.graft.initializers.Ones;
import dev.graft.initializers.RandomNormal;
import dev.graft.initializers.RandomUniform;
import dev.graft.initializers.TruncatedNormal;
import dev.graft.initializers.VarianceScaling;
import dev.graft.initializers.Zeros;
import java.util.Locale;

/**
 * Initializers as Keras objects ({@code {"module": "keras.initializers", "class_name":
 * "GlorotUniform", "config": {...}}}) and back. Reading also accepts Keras 2's forms: no module, a
 * {@code dtype} in the config, and string names such as {@code "glorot_uniform"}.
 */
final class InitializerConfigs {
  private static final String MODULE = "keras.initializers";

  private InitializerConfigs() {}

  /** The Keras object for {@code init}; initializers graft cannot name (lambdas) are refused. */
  static ObjectNode write(Initializer init, String where) {
    ObjectNode c = KerasJson.object();
    String name;
    if (init instanceof Zeros) {
      name = "Zeros";
    } else if (init instanceof Ones) {
      name = "Ones";
    } else if (init instanceof Constant k) {
      name = "Constant";
      c.set("value", KerasJson.number(k.value()));
    } else if (init instanceof GlorotUniform g) {
      name = "GlorotUniform";
      fixedVarianceScaling(c, g.seed());
    } else if (init instanceof GlorotNormal
        || init instanceof HeNormal
        || init instanceof HeUniform
        || init instanceof LecunNormal
        || init instanceof LecunUniform) {
      name = init.getClass().getSimpleName();
      fixedVarianceScaling(c, ((VarianceScaling) init).seed());
    } else if (init instanceof VarianceScaling v) {
      name = "VarianceScaling";
      seed(c, v.seed());
      c.set("scale", KerasJson.number(v.scale()));
      c.put("mode", v.mode().name().toLowerCase(Locale.ROOT));
      c.put("distribution", v.distribution().name().toLowerCase(Locale.ROOT));
      c.putNull("input_axes");
      c.putNull("output_axes");
    } else if (init instanceof RandomNormal r) {
      name = "RandomNormal";
      seed(c, r.seed());
      c.set("mean", KerasJson.number(r.mean()));
      c.set("stddev", KerasJson.number(r.stddev()));
    } else if (init instanceof TruncatedNormal r) {
      name = "TruncatedNormal";
      seed(c, r.seed());
      c.set("mean", KerasJson.number(r.mean()));
      c.set("stddev", KerasJson.number(r.stddev()));
    } else if (init instanceof RandomUniform r) {
      name = "RandomUniform";
      seed(c, r.seed());
      c.set("minval", KerasJson.number(r.min()));
      c.set("maxval", KerasJson.number(r.max()));
    } else {
      throw new ConfigException(
          where
              + ": the initializer "
              + init.getClass().getName()
              + " has no Keras config; use one of the dev.graft.initializers classes");
    }
    return KerasJson.kerasObject(MODULE, name, c);
  }

  private static void fixedVarianceScaling(ObjectNode c, Long seed) {
    seed(c, seed);
    c.putNull("input_axes");
    c.putNull("output_axes");
  }

  private static void seed(ObjectNode c, Long seed) {
    if (seed == null) {
      c.putNull("seed");
    } else {
      c.put("seed", seed.longValue());
    }
  }

  /** Reads an initializer: a Keras object, a Keras 2 object without module, or a name. */
  static Initializer read(JsonNode node, String where) {
    String className;
    JsonNode config;
    if (node.isTextual()) {
      className = node.asText();
      config = KerasJson.object();
    } else if (node.isObject() && node.has("class_name")) {
      className = node.get("class_name").asText();
      config = node.has("config") && node.get("config").isObject() ? node.get("config") : null;
      if (config == null) {
        config = KerasJson.object();
      }
    } else {
      throw new ConfigException(where + ": cannot read the initializer " + node);
    }
    ConfigReader c = new ConfigReader(config, where + " initializer " + className);
    c.requireNullOrAbsent("input_axes");
    c.requireNullOrAbsent("output_axes");
    String key = className.replace("_", "").toLowerCase(Locale.ROOT);
    return switch (key) {
      case "zeros", "zero" -> new Zeros();
      case "ones", "one" -> new Ones();
      case "constant" -> new Constant(c.floatValue("value", 0f));
      case "glorotuniform" -> new GlorotUniform(c.seed());
      case "glorotnormal" -> new GlorotNormal(c.seed());
      case "heuniform" -> new HeUniform(c.seed());
      case "henormal" -> new HeNormal(c.seed());
      case "lecununiform" -> new LecunUniform(c.seed());
      case "lecunnormal" -> new LecunNormal(c.seed());
      case "variancescaling" ->
          new VarianceScaling(
              c.doubleValue("scale", 1.0),
              VarianceScaling.Mode.of(c.text("mode", "fan_in")),
              VarianceScaling.Distribution.of(c.text("distribution", "truncated_normal")),
              c.seed());
      case "randomnormal", "normal" ->
          new RandomNormal(c.floatValue("mean", 0f), c.floatValue("stddev", 0.05f), c.seed());
      case "truncatednormal" ->
          new TruncatedNormal(c.floatValue("mean", 0f), c.floatValue("stddev", 0.05f), c.seed());
      case "randomuniform", "uniform" ->
          new RandomUniform(
              c.floatValue("minval", -0.05f), c.floatValue("maxval", 0.05f), c.seed());
      default ->
          throw new ConfigException(
              where
                  + ": the initializer "
                  + className
                  + " is not supported by graft yet (supported: Zeros, Ones, Constant,"
                  + " GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal,"
                  + " VarianceScaling, RandomNormal, TruncatedNormal, RandomUniform)");
    };
  }
}
