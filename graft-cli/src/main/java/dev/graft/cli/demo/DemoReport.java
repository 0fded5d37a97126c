package dev.graft.cli.demo;

import dev.graft.saving.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code demo-report.json}: the mean accuracies ({@code scratch_accuracy}, {@code
 * feature_extraction_accuracy}, {@code fine_tune_accuracy}, fractions in [0, 1]), {@code seconds}
 * (the whole demo), whether the base was pretrained in this run, and the values of each seed.
 */
final class DemoReport {
  private DemoReport() {}

  /** Writes the report of {@code r} to {@code file}, atomically. */
  static void write(DemoResult r, Path file) throws IOException {
    String json = json(r);
    AtomicFiles.replace(file, tmp -> Files.write(tmp, json.getBytes(StandardCharsets.UTF_8)));
  }

  static String json(DemoResult r) {
    StringBuilder b = new StringBuilder("{\n");
    field(b, "scratch_accuracy", r.scratchAccuracy());
    field(b, "feature_extraction_accuracy", r.featureExtractionAccuracy());
    field(b, "fine_tune_accuracy", r.fineTuneAccuracy());
    field(b, "seconds", r.seconds());
    field(b, "pretrain_seconds", r.pretrainSeconds());
    b.append("  \"base_pretrained_in_this_run\": ").append(r.pretrained()).append(",\n");
    b.append("  \"base_key\": \"").append(r.recipe().pretraining().baseKey()).append("\",\n");
    b.append("  \"shots_per_class\": ").append(r.recipe().shotsPerClass()).append(",\n");
    b.append("  \"evaluated_on\": \"").append(r.heldOut() ? "held-out" : "test").append("\",\n");
    b.append("  \"test_images\": ").append(r.recipe().testImages()).append(",\n");
    b.append("  \"seeds\": [\n");
    for (int i = 0; i < r.seeds().size(); i++) {
      SeedResult s = r.seeds().get(i);
      b.append("    {\"seed\": ").append(s.seed());
      b.append(String.format(Locale.ROOT, ", \"scratch_accuracy\": %.6f", s.scratchAccuracy()));
      b.append(
          String.format(
              Locale.ROOT,
              ", \"feature_extraction_accuracy\": %.6f",
              s.featureExtractionAccuracy()));
      b.append(String.format(Locale.ROOT, ", \"fine_tune_accuracy\": %.6f", s.fineTuneAccuracy()));
      double secs = s.scratchSeconds() + s.featureExtractionSeconds() + s.fineTuneSeconds();
      b.append(String.format(Locale.ROOT, ", \"seconds\": %.3f}", secs));
      b.append(i + 1 < r.seeds().size() ? ",\n" : "\n");
    }
    b.append("  ]\n}\n");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, double value) {
    b.append(String.format(Locale.ROOT, "  \"%s\": %.6f,%n", name, value));
  }
}
