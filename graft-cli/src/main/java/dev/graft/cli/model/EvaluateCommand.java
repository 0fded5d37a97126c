package dev.graft.cli.model;

import dev.graft.cli.DataFolder;
import dev.graft.cli.GraftCommand;
import dev.graft.cli.UserError;
import dev.graft.data.FileDataset;
import dev.graft.data.image.ImageDatasetOptions;
import dev.graft.data.image.ImageDatasets;
import dev.graft.optimizers.Adam;
import dev.graft.training.Batch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code graft evaluate}: loss, accuracy and the confusion matrix on a folder of images. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluates a model from graft train on a folder with one subfolder per class: loss,"
            + " accuracy and the confusion matrix (rows: true class, columns: predicted).")
public final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand private GraftCommand parent;

  @Option(names = "--model", paramLabel = "FILE.keras", required = true, description = "The model.")
  Path modelFile;

  @Option(names = "--data", paramLabel = "DIR", required = true, description = "The images.")
  Path data;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Override
  public Integer call() {
    TrainedModel m = TrainedModel.load(modelFile);
    DataFolder.classNames(data);
    if (!m.fromLogits()) {
      throw new UserError(
          ModelSidecar.fileOf(modelFile)
              + " says the model outputs probabilities; evaluate expects"
              + " logits, as graft train's models output");
    }
    List<String> names = m.classNames();
    FileDataset<Batch> ds;
    try {
      ds =
          ImageDatasets.fromDirectory(
              data,
              ImageDatasetOptions.defaults()
                  .imageSize(m.imageShape()[0], m.imageShape()[1])
                  .batchSize(batchSize)
                  .shuffle(false)
                  .classNames(names)
                  .labelMode(names.size() == 2 ? "binary" : "int")
                  .out(parent.out()));
    } catch (IllegalArgumentException e) {
      throw new UserError("--data " + data + ": " + e.getMessage(), e);
    }
    m.model()
        .compile(new Adam(1e-3f), Objectives.loss(names.size()), Objectives.accuracy(names.size()));
    Map<String, Double> logs = m.model().evaluate(ds);
    long[][] confusion = confusion(m, ds);
    print(parent.out(), logs, confusion, names);
    return GraftCommand.EXIT_OK;
  }

  private static long[][] confusion(TrainedModel m, Iterable<Batch> ds) {
    int n = m.classNames().size();
    int width = m.outputWidth();
    long[][] counts = new long[n][n];
    for (Batch b : ds) {
      float[] out = m.model().predictOnBatch(b.x()).toFloatArray();
      float[] labels = b.y().toFloatArray();
      for (int i = 0; i < b.size(); i++) {
        int predicted = Probabilities.argmax(Probabilities.of(out, i * width, width, n, true));
        counts[Math.round(labels[i])][predicted]++;
      }
    }
    return counts;
  }

  private static void print(
      PrintStream out, Map<String, Double> logs, long[][] confusion, List<String> names) {
    out.printf(Locale.ROOT, "loss: %.4f%naccuracy: %.4f%n", logs.get("loss"), logs.get("accuracy"));
    out.println("confusion matrix (rows: true class, columns: predicted class):");
    int w = 8;
    for (String s : names) {
      w = Math.max(w, s.length() + 2);
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", ""));
    for (String s : names) {
      header.append(String.format(Locale.ROOT, "%" + w + "s", s));
    }
    out.println(header);
    for (int r = 0; r < names.size(); r++) {
      StringBuilder row =
          new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", names.get(r)));
      for (int c = 0; c < names.size(); c++) {
        row.append(String.format(Locale.ROOT, "%" + w + "d", confusion[r][c]));
      }
      out.println(row);
    }
  }
}
