package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.layers.LayerNames;
import dev.graft.optimizers.AbstractAdam;
import dev.graft.optimizers.Adagrad;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.AdamW;
import dev.graft.optimizers.Optimizer;
import dev.graft.optimizers.RmsProp;
import dev.graft.optimizers.Sgd;

/**
 * Optimizers as Keras serializes them in a {@code compile_config}: {@code {"module":
 * "keras.optimizers", "class_name": "Adam", "config": {...}, "registered_name": null}}. The config
 * holds the keys of {@code BaseOptimizer.get_config} ({@code name, learning_rate, weight_decay,
 * clipnorm, global_clipnorm, clipvalue, use_ema, ema_momentum, ema_overwrite_frequency,
 * loss_scale_factor, gradient_accumulation_steps}) and the optimizer's own ({@code beta_1, beta_2,
 * epsilon, amsgrad} for Adam and AdamW; {@code momentum, nesterov} for SGD; {@code rho, momentum,
 * epsilon, centered} for RMSprop; {@code initial_accumulator_value, epsilon} for Adagrad). A
 * constant learning rate is written as its current value, as Keras writes its variable's value.
 */
final class OptimizerConfigs {
  private static final String MODULE = "keras.optimizers";

  private OptimizerConfigs() {}

  /** The Keras object for {@code o}; a {@link ConfigException} for one Keras lacks. */
  static ObjectNode write(Optimizer o) {
    ObjectNode c = KerasJson.object();
    String className = o.name();
    if (!(o instanceof AbstractAdam
        || o instanceof Sgd
        || o instanceof RmsProp
        || o instanceof Adagrad)) {
      throw new ConfigException("the optimizer " + className + " has no Keras config in graft");
    }
    // Keras's default name: auto_name(class name), which snake-cases it ("adam", "rm_sprop").
    c.put("name", LayerNames.snakeCase(className));
    if (o.hasConstantLearningRate()) {
      c.set("learning_rate", KerasJson.number(o.learningRate()));
    } else {
      c.set("learning_rate", LearningRateConfigs.write(o.learningRateSchedule()));
    }
    nullable(c, "weight_decay", o.decoupledWeightDecay());
    nullable(c, "clipnorm", o.clipnorm());
    nullable(c, "global_clipnorm", o.globalClipnorm());
    nullable(c, "clipvalue", o.clipvalue());
    c.put("use_ema", false);
    c.set("ema_momentum", KerasJson.number(0.99f));
    c.putNull("ema_overwrite_frequency");
    c.putNull("loss_scale_factor");
    c.putNull("gradient_accumulation_steps");
    if (o instanceof AbstractAdam a) {
      c.set("beta_1", KerasJson.number(a.beta1()));
      c.set("beta_2", KerasJson.number(a.beta2()));
      c.set("epsilon", KerasJson.number(a.epsilon()));
      c.put("amsgrad", a.amsgrad());
    } else if (o instanceof Sgd s) {
      c.set("momentum", KerasJson.number(s.momentum()));
      c.put("nesterov", s.nesterov());
    } else if (o instanceof RmsProp r) {
      c.set("rho", KerasJson.number(r.rho()));
      c.set("momentum", KerasJson.number(r.momentum()));
      c.set("epsilon", KerasJson.number(r.epsilon()));
      c.put("centered", r.centered());
    } else if (o instanceof Adagrad g) {
      c.set("initial_accumulator_value", KerasJson.number(g.initialAccumulatorValue()));
      c.set("epsilon", KerasJson.number(g.epsilon()));
    }
    return KerasJson.kerasObject(MODULE, className, c);
  }

  /**
   * The optimizer a Keras object (or Keras's string shortcut such as {@code "adam"}) describes; a
   * {@link ConfigException} naming what graft lacks otherwise.
   */
  static Optimizer read(JsonNode node) {
    if (node != null && node.isTextual()) {
      return fromClassName(shortcut(node.asText()), KerasJson.object());
    }
    String className = KerasJson.text(node, "class_name");
    JsonNode c = node == null ? null : node.get("config");
    if (className == null || c == null || !c.isObject()) {
      throw new ConfigException("the optimizer " + node + " is not a Keras optimizer object");
    }
    if (c.path("use_ema").asBoolean(false)) {
      throw new ConfigException(
          "optimizer " + className + " uses EMA (use_ema), which graft lacks");
    }
    for (String unsupported : new String[] {"loss_scale_factor", "gradient_accumulation_steps"}) {
      JsonNode v = c.get(unsupported);
      if (v != null && !v.isNull()) {
        throw new ConfigException(
            "optimizer " + className + " sets " + unsupported + ", which graft lacks");
      }
    }
    return fromClassName(className, c);
  }

  private static String shortcut(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "adam":
        return "Adam";
      case "adamw":
        return "AdamW";
      case "sgd":
        return "SGD";
      case "rmsprop":
        return "RMSprop";
      case "adagrad":
        return "Adagrad";
      default:
        return name;
    }
  }

  private static Optimizer fromClassName(String className, JsonNode c) {
    switch (className) {
      case "Adam":
        {
          Adam.AdamBuilder b = Adam.builder();
          adam(b, c);
          return common(b, c).build();
        }
      case "AdamW":
        {
          AdamW.AdamWBuilder b = AdamW.builder();
          adam(b, c);
          return common(b, c).build();
        }
      case "SGD":
        {
          Sgd.Builder b = Sgd.builder();
          b.momentum(floatOf(c, "momentum", 0f)).nesterov(c.path("nesterov").asBoolean(false));
          return common(b, c).build();
        }
      case "RMSprop":
        {
          RmsProp.Builder b = RmsProp.builder();
          b.rho(floatOf(c, "rho", 0.9f))
              .momentum(floatOf(c, "momentum", 0f))
              .epsilon(floatOf(c, "epsilon", 1e-7f))
              .centered(c.path("centered").asBoolean(false));
          return common(b, c).build();
        }
      case "Adagrad":
        {
          Adagrad.Builder b = Adagrad.builder();
          b.initialAccumulatorValue(floatOf(c, "initial_accumulator_value", 0.1f))
              .epsilon(floatOf(c, "epsilon", 1e-7f));
          return common(b, c).build();
        }
      default:
        throw new ConfigException(
            "the optimizer "
                + className
                + " is not one graft has (Adam, AdamW, SGD, RMSprop, Adagrad)");
    }
  }

  private static void adam(AbstractAdam.Builder<?> b, JsonNode c) {
    b.beta1(floatOf(c, "beta_1", 0.9f))
        .beta2(floatOf(c, "beta_2", 0.999f))
        .epsilon(floatOf(c, "epsilon", 1e-7f))
        .amsgrad(c.path("amsgrad").asBoolean(false));
  }

  /** The settings every optimizer shares; Keras treats a clip of 0 or less as none. */
  private static <B extends Optimizer.Builder<B>> B common(B b, JsonNode c) {
    JsonNode lr = c.get("learning_rate");
    if (lr != null && lr.isObject()) {
      b.learningRate(LearningRateConfigs.read(lr));
    } else if (lr != null && lr.isNumber()) {
      b.learningRate((float) lr.asDouble());
    } else if (lr != null && !lr.isNull()) {
      throw new ConfigException("the optimizer's learning_rate " + lr + " is not a number");
    }
    JsonNode wd = c.get("weight_decay");
    if (wd != null && wd.isNumber()) {
      b.weightDecay((float) wd.asDouble());
    }
    float clipnorm = floatOf(c, "clipnorm", 0f);
    float globalClipnorm = floatOf(c, "global_clipnorm", 0f);
    float clipvalue = floatOf(c, "clipvalue", 0f);
    if (clipnorm > 0) {
      b.clipnorm(clipnorm);
    } else if (globalClipnorm > 0) {
      b.globalClipnorm(globalClipnorm);
    } else if (clipvalue > 0) {
      b.clipvalue(clipvalue);
    }
    return b;
  }

  /** A number field as float; {@code fallback} when absent or null. */
  static float floatOf(JsonNode c, String key, float fallback) {
    JsonNode v = c.get(key);
    if (v == null || v.isNull()) {
      if (Float.isNaN(fallback)) {
        throw new ConfigException("the config lacks the number " + key);
      }
      return fallback;
    }
    if (!v.isNumber()) {
      throw new ConfigException("the config's " + key + " must be a number, got " + v);
    }
    return (float) v.asDouble();
  }

  private static void nullable(ObjectNode c, String key, Float value) {
    if (value == null) {
      c.putNull(key);
    } else {
      c.set(key, KerasJson.number(value));
    }
  }
}
