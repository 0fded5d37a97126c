package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.optimizers.schedules.CosineDecay;
import dev.graft.optimizers.schedules.ExponentialDecay;
import dev.graft.optimizers.schedules.LearningRateSchedule;
import dev.graft.optimizers.schedules.PiecewiseConstantDecay;

/**
 * Learning-rate schedules as Keras objects ({@code {"module": "keras.optimizers.schedules",
 * "class_name": "ExponentialDecay", "config": {...}}}), the value of an optimizer config's {@code
 * learning_rate} when it is not a number. The config keys are those of each schedule's {@code
 * get_config} in {@code keras/src/optimizers/schedules/learning_rate_schedule.py}.
 */
final class LearningRateConfigs {
  private static final String MODULE = "keras.optimizers.schedules";

  private LearningRateConfigs() {}

  /** The Keras object for {@code schedule}; a {@link ConfigException} for one Keras lacks. */
  static ObjectNode write(LearningRateSchedule schedule) {
    ObjectNode c = KerasJson.object();
    if (schedule instanceof ExponentialDecay e) {
      c.set("initial_learning_rate", KerasJson.number(e.initialLearningRate()));
      c.put("decay_steps", e.decaySteps());
      c.set("decay_rate", KerasJson.number(e.decayRate()));
      c.put("staircase", e.staircase());
      c.put("name", "ExponentialDecay");
      return KerasJson.kerasObject(MODULE, "ExponentialDecay", c);
    }
    if (schedule instanceof CosineDecay d) {
      c.set("initial_learning_rate", KerasJson.number(d.initialLearningRate()));
      c.put("decay_steps", d.decaySteps());
      c.set("alpha", KerasJson.number(d.alpha()));
      c.put("name", "CosineDecay");
      if (d.warmupTarget() == null) {
        c.putNull("warmup_target");
      } else {
        c.set("warmup_target", KerasJson.number(d.warmupTarget()));
      }
      c.put("warmup_steps", d.warmupSteps());
      return KerasJson.kerasObject(MODULE, "CosineDecay", c);
    }
    if (schedule instanceof PiecewiseConstantDecay p) {
      ArrayNode boundaries = c.putArray("boundaries");
      for (long b : p.boundaries()) {
        boundaries.add(b);
      }
      ArrayNode values = c.putArray("values");
      for (float v : p.values()) {
        values.add(KerasJson.number(v));
      }
      c.put("name", "PiecewiseConstant");
      return KerasJson.kerasObject(MODULE, "PiecewiseConstantDecay", c);
    }
    throw new ConfigException(
        "the learning-rate schedule "
            + schedule.getClass().getSimpleName()
            + " has no Keras config graft can write");
  }

  /** The schedule a Keras object describes; a {@link ConfigException} for others. */
  static LearningRateSchedule read(JsonNode object) {
    String className = KerasJson.text(object, "class_name");
    JsonNode c = object.get("config");
    if (className == null || c == null || !c.isObject()) {
      throw new ConfigException("the learning rate " + object + " is not a Keras schedule object");
    }
    switch (className) {
      case "ExponentialDecay":
        return new ExponentialDecay(
            OptimizerConfigs.floatOf(c, "initial_learning_rate", Float.NaN),
            longOf(c, "decay_steps"),
            OptimizerConfigs.floatOf(c, "decay_rate", Float.NaN),
            c.path("staircase").asBoolean(false));
      case "CosineDecay":
        {
          JsonNode target = c.get("warmup_target");
          return new CosineDecay(
              OptimizerConfigs.floatOf(c, "initial_learning_rate", Float.NaN),
              longOf(c, "decay_steps"),
              OptimizerConfigs.floatOf(c, "alpha", 0f),
              target == null || target.isNull() ? null : (float) target.asDouble(),
              c.path("warmup_steps").asLong(0));
        }
      case "PiecewiseConstantDecay":
        {
          JsonNode b = c.get("boundaries");
          JsonNode v = c.get("values");
          if (b == null || v == null || !b.isArray() || !v.isArray()) {
            throw new ConfigException("PiecewiseConstantDecay needs lists boundaries and values");
          }
          long[] boundaries = new long[b.size()];
          for (int i = 0; i < boundaries.length; i++) {
            boundaries[i] = b.get(i).asLong();
          }
          float[] values = new float[v.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) v.get(i).asDouble();
          }
          return new PiecewiseConstantDecay(boundaries, values);
        }
      default:
        throw new ConfigException(
            "the learning-rate schedule "
                + className
                + " is not one graft has (ExponentialDecay, CosineDecay, PiecewiseConstantDecay)");
    }
  }

  private static long longOf(JsonNode c, String key) {
    JsonNode v = c.get(key);
    if (v == null || !v.isNumber()) {
      throw new ConfigException("the schedule's " + key + " must be a number, got " + v);
    }
    return v.asLong();
  }
}
