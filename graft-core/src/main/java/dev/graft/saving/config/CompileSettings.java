package dev.graft.saving.config;

import dev.graft.losses.Loss;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import java.util.List;

/**
 * What a {@code compile_config} asks for: a fresh optimizer with the saved settings, the loss, and
 * the metrics by Keras's names.
 *
 * @param optimizer the optimizer, without state (load it from the weights file next)
 * @param loss the loss
 * @param metricNames the metrics, as {@code model.compile(optimizer, loss, metricNames...)} takes
 *     them
 */
public record CompileSettings(Optimizer optimizer, Loss loss, List<String> metricNames) {
  public CompileSettings {
    metricNames = List.copyOf(metricNames);
  }

  /** Compiles {@code model} with these settings. */
  public void applyTo(Model model) {
    model.compile(optimizer, loss, metricNames.toArray(new String[0]));
  }
}
