package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.losses.Loss;
import dev.graft.metrics.BinaryAccuracy;
import dev.graft.metrics.Metric;
import dev.graft.metrics.Metrics;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import dev.graft.training.Trainer;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training configuration of a {@code .keras} file's {@code config.json}, its {@code
 * compile_config}, both ways. Keras ({@code Trainer.get_compile_config}) writes {@code {}} for an
 * uncompiled model and otherwise the arguments of {@code compile}: {@code optimizer} (a Keras
 * object, see {@link OptimizerConfigs}), {@code loss} (see {@link LossConfigs}), {@code
 * loss_weights}, {@code metrics}, {@code weighted_metrics}, {@code run_eagerly}, {@code
 * steps_per_execution}, {@code jit_compile}. Loading ({@code compile_from_config}) compiles the
 * model with them.
 *
 * <pre>{@code
 * ObjectNode cc = CompileConfigs.toConfig(model);                 // {} when not compiled
 * List<String> notes = new ArrayList<>();
 * CompileConfigs.fromConfig(cc, notes).ifPresent(s -> s.applyTo(model));
 * }</pre>
 *
 * <p>graft writes metrics as Keras's string names ({@code "accuracy"}), which is how it compiles
 * them, and a BinaryAccuracy of another threshold than 0.5 as a Keras object; a metric whose name
 * does not name it again is left out with a warning.
 */
public final class CompileConfigs {
  private static final System.Logger LOG = System.getLogger("dev.graft.saving");

  private CompileConfigs() {}

  /**
   * The {@code compile_config} of {@code model}: {@code {}} when it is not compiled, or when its
   * optimizer or loss has no Keras config in graft (logged as a warning: the file then loads
   * uncompiled, as one saved before compiling).
   */
  public static ObjectNode toConfig(Model model) {
    if (model == null) {
      throw new IllegalArgumentException("CompileConfigs.toConfig: model is null");
    }
    Trainer t = model.trainer();
    if (!t.isCompiled()) {
      return KerasJson.object();
    }
    ObjectNode out = KerasJson.object();
    try {
      out.set("optimizer", OptimizerConfigs.write(t.optimizer()));
      out.set("loss", LossConfigs.write(t.loss()));
    } catch (ConfigException e) {
      LOG.log(
          Level.WARNING,
          "model '"
              + model.name()
              + "': its training configuration is not saved ("
              + e.getMessage()
              + "); the file loads uncompiled");
      return KerasJson.object();
    }
    out.putNull("loss_weights");
    ArrayNode metrics = out.putArray("metrics");
    for (Metric m : t.metrics()) {
      if (m instanceof BinaryAccuracy b && b.threshold() != 0.5f) {
        metrics.add(binaryAccuracy(b));
      } else if (namesItself(m, t.loss())) {
        metrics.add(m.name());
      } else {
        LOG.log(
            Level.WARNING,
            "model '"
                + model.name()
                + "': metric '"
                + m.name()
                + "' ("
                + m.getClass().getSimpleName()
                + ") is left out of the saved compile_config: its name is not one of Keras's"
                + " metric names for it");
      }
    }
    out.putNull("weighted_metrics");
    out.put("run_eagerly", false);
    out.put("steps_per_execution", 1);
    out.put("jit_compile", "auto");
    return out;
  }

  /** Keras's object for a BinaryAccuracy whose threshold its string name would not give. */
  private static ObjectNode binaryAccuracy(BinaryAccuracy b) {
    ObjectNode c = KerasJson.object();
    c.put("name", b.name());
    c.put("dtype", "float32");
    c.set("threshold", KerasJson.number(b.threshold()));
    return KerasJson.kerasObject("keras.metrics", "BinaryAccuracy", c);
  }

  private static boolean namesItself(Metric m, Loss loss) {
    try {
      return Metrics.byName(m.name(), loss).getClass() == m.getClass();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * What {@code compileConfig} asks for, or empty when it is empty (the model was saved uncompiled)
   * or asks for something graft lacks; in that case a line in {@code notes} says what and the model
   * is to be loaded uncompiled, its weights unaffected.
   */
  public static Optional<CompileSettings> fromConfig(JsonNode compileConfig, List<String> notes) {
    if (compileConfig == null || compileConfig.isNull() || compileConfig.isEmpty()) {
      return Optional.empty();
    }
    if (!compileConfig.isObject()) {
      notes.add("compile_config is not an object (" + compileConfig + "); loaded uncompiled");
      return Optional.empty();
    }
    try {
      JsonNode weights = compileConfig.get("loss_weights");
      if (weights != null && !weights.isNull()) {
        throw new ConfigException("loss_weights " + weights + " are not supported");
      }
      Optimizer optimizer = OptimizerConfigs.read(compileConfig.get("optimizer"));
      Loss loss = LossConfigs.read(compileConfig.get("loss"));
      List<Metric> metrics = metrics(compileConfig.get("metrics"), loss, notes);
      JsonNode weighted = compileConfig.get("weighted_metrics");
      if (weighted != null && !weighted.isNull() && !weighted.isEmpty()) {
        notes.add("compile_config: weighted_metrics " + weighted + " are left out");
      }
      return Optional.of(new CompileSettings(optimizer, loss, metrics));
    } catch (IllegalArgumentException e) { // ConfigException, or a builder refusing a value
      notes.add(
          "compile_config: "
              + e.getMessage()
              + "; the model is loaded uncompiled (its weights are loaded); compile it before"
              + " training");
      return Optional.empty();
    }
  }

  /**
   * The metrics of a {@code metrics} list: Keras's strings, and Keras objects by class name (a
   * BinaryAccuracy object with its name and threshold).
   */
  private static List<Metric> metrics(JsonNode node, Loss loss, List<String> notes) {
    List<Metric> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      notes.add("compile_config: metrics " + node + " (per output) are left out");
      return out;
    }
    for (JsonNode m : node) {
      try {
        if (m.isTextual()) {
          out.add(Metrics.byName(m.asText(), loss));
          continue;
        }
        String className = KerasJson.text(m, "class_name");
        JsonNode c = m.path("config");
        if ("BinaryAccuracy".equals(className)) {
          String name = KerasJson.text(c, "name");
          float threshold = OptimizerConfigs.floatOf(c, "threshold", 0.5f);
          out.add(new BinaryAccuracy(threshold, name != null ? name : "binary_accuracy"));
        } else if (className != null) {
          out.add(Metrics.byName(className, loss));
        } else {
          notes.add("compile_config: metric " + m + " is left out");
        }
      } catch (IllegalArgumentException e) {
        notes.add("compile_config: metric " + m + " is left out (" + e.getMessage() + ")");
      }
    }
    return out;
  }
}
