package dev.graft.saving.config;

import dev.graft.losses.Loss;
import dev.graft.metrics.Metric;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import java.util.List;

/**
 * What a {@code compile_config} asks for: a fresh optimizer with the saved settings, the loss, and
 * the metrics.
 *
 * @param optimizer the optimizer, without state (load it from the weights file next)
 * @param loss the loss
 * @param metrics the metrics
 */
public record CompileSettings(Optimizer optimizer, Loss loss, List<Metric> metrics) {
  public CompileSettings {
    metrics = List.copyOf(metrics);
  }

  /** Compiles {@code model} with these settings. */
  public void applyTo(Model model) {
    model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
  }
}
