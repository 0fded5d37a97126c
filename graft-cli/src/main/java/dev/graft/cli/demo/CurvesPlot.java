package dev.graft.cli.demo;

import dev.graft.cli.TrainingCurves;
import dev.graft.training.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code demo-curves.png}: training loss and accuracy per epoch of feature extraction followed by
 * fine-tuning (one seed), drawn by {@link TrainingCurves} with the phase boundary marked.
 */
final class CurvesPlot {
  /** The image's size in pixels. */
  static final int WIDTH = TrainingCurves.WIDTH;

  static final int HEIGHT = TrainingCurves.HEIGHT;

  private CurvesPlot() {}

  /** Draws the curves of {@code r} and writes them to {@code file} (PNG), atomically. */
  static void write(SeedResult r, Path file) throws IOException {
    List<Map<String, Double>> epochs = epochLogs(r.featureExtractionHistory());
    int boundary = epochs.size();
    epochs.addAll(epochLogs(r.fineTuneHistory()));
    TrainingCurves.write(epochs, boundary, " (seed " + r.seed() + ")", file);
  }

  /** One map of logs per epoch, from a History's per-metric columns. */
  private static List<Map<String, Double>> epochLogs(History h) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (int i = 0; i < h.epochs().size(); i++) {
      Map<String, Double> logs = new HashMap<>();
      for (Map.Entry<String, List<Double>> column : h.history().entrySet()) {
        if (i < column.getValue().size()) {
          logs.put(column.getKey(), column.getValue().get(i));
        }
      }
      out.add(logs);
    }
    return out;
  }
}
