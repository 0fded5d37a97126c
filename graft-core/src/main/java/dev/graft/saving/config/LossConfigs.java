package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.CategoricalCrossentropy;
import dev.graft.losses.Loss;
import dev.graft.losses.MeanAbsoluteError;
import dev.graft.losses.MeanSquaredError;
import dev.graft.losses.SparseCategoricalCrossentropy;
import java.util.Locale;

/**
 * Losses in a {@code compile_config}: Keras objects ({@code {"module": "keras.losses",
 * "class_name": "SparseCategoricalCrossentropy", "config": {"name", "reduction", "from_logits",
 * "ignore_class", "axis"}}}; {@code label_smoothing} instead of {@code ignore_class} for the binary
 * and categorical ones, as their {@code get_config} in {@code keras/src/losses/losses.py}) or
 * Keras's strings ({@code "sparse_categorical_crossentropy"}).
 */
final class LossConfigs {
  private static final String MODULE = "keras.losses";

  private LossConfigs() {}

  /** The Keras object for {@code loss}; a {@link ConfigException} for others. */
  static ObjectNode write(Loss loss) {
    ObjectNode c = KerasJson.object();
    c.put("name", loss.name());
    c.put("reduction", "sum_over_batch_size");
    String className;
    if (loss instanceof SparseCategoricalCrossentropy s) {
      className = "SparseCategoricalCrossentropy";
      c.put("from_logits", s.fromLogits());
      c.putNull("ignore_class");
      c.put("axis", -1);
    } else if (loss instanceof CategoricalCrossentropy cc) {
      className = "CategoricalCrossentropy";
      c.put("from_logits", cc.fromLogits());
      c.set("label_smoothing", KerasJson.number(cc.labelSmoothing()));
      c.put("axis", -1);
    } else if (loss instanceof BinaryCrossentropy b) {
      className = "BinaryCrossentropy";
      c.put("from_logits", b.fromLogits());
      c.set("label_smoothing", KerasJson.number(b.labelSmoothing()));
      c.put("axis", -1);
    } else if (loss instanceof MeanSquaredError) {
      className = "MeanSquaredError";
    } else if (loss instanceof MeanAbsoluteError) {
      className = "MeanAbsoluteError";
    } else {
      throw new ConfigException(
          "the loss "
              + loss.name()
              + " ("
              + loss.getClass().getSimpleName()
              + ") has no Keras config in graft");
    }
    return KerasJson.kerasObject(MODULE, className, c);
  }

  /** The loss a Keras object or string describes; a {@link ConfigException} for others. */
  static Loss read(JsonNode node) {
    if (node != null && node.isTextual()) {
      return byString(node.asText());
    }
    String className = KerasJson.text(node, "class_name");
    JsonNode c = node == null ? null : node.get("config");
    if (className == null || c == null || !c.isObject()) {
      throw new ConfigException(
          "the loss " + node + " is not a Keras loss object (per-output losses graft lacks)");
    }
    String reduction = c.path("reduction").asText("sum_over_batch_size");
    if (!reduction.equals("sum_over_batch_size")) {
      throw new ConfigException(
          "loss "
              + className
              + " reduces by "
              + reduction
              + "; graft reads"
              + " sum_over_batch_size only");
    }
    if (c.has("axis") && c.get("axis").asInt(-1) != -1) {
      throw new ConfigException("loss " + className + " uses axis " + c.get("axis"));
    }
    boolean fromLogits = c.path("from_logits").asBoolean(false);
    float smoothing = OptimizerConfigs.floatOf(c, "label_smoothing", 0f);
    switch (className) {
      case "SparseCategoricalCrossentropy":
        if (c.hasNonNull("ignore_class")) {
          throw new ConfigException("loss " + className + " sets ignore_class, which graft lacks");
        }
        return new SparseCategoricalCrossentropy(fromLogits);
      case "CategoricalCrossentropy":
        return new CategoricalCrossentropy(fromLogits, smoothing);
      case "BinaryCrossentropy":
        return new BinaryCrossentropy(fromLogits, smoothing);
      case "MeanSquaredError":
        return new MeanSquaredError();
      case "MeanAbsoluteError":
        return new MeanAbsoluteError();
      default:
        throw new ConfigException(
            "the loss " + className + " is not one graft reads from a" + " compile_config");
    }
  }

  private static Loss byString(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "sparse_categorical_crossentropy":
        return new SparseCategoricalCrossentropy();
      case "categorical_crossentropy":
        return new CategoricalCrossentropy();
      case "binary_crossentropy":
        return new BinaryCrossentropy();
      case "mse":
      case "mean_squared_error":
        return new MeanSquaredError();
      case "mae":
      case "mean_absolute_error":
        return new MeanAbsoluteError();
      default:
        throw new ConfigException("the loss '" + name + "' is not one graft reads");
    }
  }
}
