package dev.graft.training.callbacks;

import dev.graft.models.Model;
import dev.graft.saving.AtomicFiles;
import dev.graft.saving.GraftWeights;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves the model's weights during training, as Keras's {@code ModelCheckpoint}.
 *
 * <pre>{@code
 * ModelCheckpoint ckpt =
 *     ModelCheckpoint.builder("ckpt/weights.{epoch:02d}-{val_loss:.4f}.graftw")
 *         .monitor("val_loss")
 *         .saveBestOnly(true)
 *         .build();
 * }</pre>
 *
 * <p>The path is a template filled like Python's {@code str.format} with {@code epoch} (from 1),
 * {@code batch} (from 1, when saving every N batches) and every key of the logs: {@code
 * {epoch:02d}} gives {@code 03}, {@code {val_loss:.4f}} gives {@code 0.1235}. Missing directories
 * are created.
 *
 * <p>With {@code saveBestOnly}, a file is written only when the monitored value beats the best so
 * far (strictly; the first value beats {@code initialValueThreshold}, or anything when none is
 * given); if the value is missing from the logs, the model is saved anyway, as Keras does.
 *
 * <p><b>Format</b>, by the path's ending: {@code .weights.h5} writes Keras 3 weights ({@link
 * KerasWeights}), which Keras's {@code load_weights} reads; anything else (e.g. {@code .graftw})
 * writes graft's own weights file ({@link GraftWeights}), whether or not {@code saveWeightsOnly} is
 * set; {@code .keras} writes the whole model ({@link ModelFiles}: architecture, weights and, for a
 * compiled model, its compile_config and optimizer state), which Keras's {@code load_model} reads.
 * A legacy {@code .h5} path is refused when the callback is built: graft does not write that
 * format. {@link Builder#writer} replaces the writer.
 *
 * <p><b>Atomic.</b> Each checkpoint is written to a temporary file in the target directory, synced
 * to disk, then renamed over the target (see {@link AtomicFiles}): a crash or an error during the
 * write leaves the previous checkpoint intact and never a partial file at the target path. A failed
 * write is thrown as an {@link UncheckedIOException} naming the path.
 */
public final class ModelCheckpoint implements Callback {
  /** Writes a checkpoint of {@code model} at {@code file} (a temporary path to fill). */
  @FunctionalInterface
  public interface Writer {
    void write(Model model, Path file, boolean weightsOnly) throws IOException;
  }

  private final String filepath;
  private final String monitor;
  private final int verbose;
  private final boolean saveBestOnly;
  private final boolean saveWeightsOnly;
  private final MonitorMode mode;
  private final int saveFreq; // 0: every epoch
  private final Writer writer;

  private TrainingContext context;
  private Boolean maximize;
  private double best;
  private int currentEpoch;
  private int batchesSinceSave;
  private int lastBatchSeen;

  private ModelCheckpoint(Builder b) {
    this.filepath = b.filepath;
    this.monitor = b.monitor;
    this.verbose = b.verbose;
    this.saveBestOnly = b.saveBestOnly;
    this.saveWeightsOnly = b.saveWeightsOnly;
    this.mode = b.mode;
    this.saveFreq = b.saveFreq;
    this.writer = b.writer != null ? b.writer : defaultWriter(b.filepath);
    if (saveBestOnly) {
      maximize = mode.maximizes(monitor, "ModelCheckpoint");
    }
    best =
        b.initialValueThreshold != null
            ? b.initialValueThreshold
            : (maximize != null && maximize) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /** The writer for a path template when none is given: by the file name's ending. */
  private static Writer defaultWriter(String filepath) {
    if (filepath.endsWith(".weights.h5")) {
      return (model, file, weightsOnly) -> KerasWeights.write(model, file);
    }
    if (filepath.endsWith(".keras")) {
      return (model, file, weightsOnly) -> ModelFiles.write(model, file);
    }
    if (filepath.endsWith(".h5")) {
      throw new IllegalArgumentException(
          "ModelCheckpoint: graft does not write legacy .h5 files ("
              + filepath
              + "); use a path ending in .weights.h5 (Keras 3 weights) or .keras");
    }
    return (model, file, weightsOnly) -> GraftWeights.write(model, file);
  }

  /** A checkpoint saved at {@code filepath} (a template, see the class comment). */
  public static Builder builder(String filepath) {
    return new Builder(filepath);
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    currentEpoch = epoch;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (saveFreq == 0) {
      return;
    }
    // A batch number that did not grow means a new epoch began.
    batchesSinceSave += batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
    lastBatchSeen = batch;
    if (batchesSinceSave >= saveFreq) {
      batchesSinceSave = 0;
      save(currentEpoch, batch, logs);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (saveFreq == 0) {
      save(epoch, -1, logs);
    }
  }

  /** The best monitored value so far (with {@code saveBestOnly}). */
  public double best() {
    return best;
  }

  private void save(int epoch, int batch, Map<String, Double> logs) {
    Map<String, Double> l = logs == null ? Map.of() : logs;
    Path path = filePath(epoch, batch, l);
    if (!shouldSave(epoch, l, path)) {
      return;
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an"
              + " existing directory: "
              + path);
    }
    Model model = model();
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      AtomicFiles.replace(path, tmp -> writer.write(model, tmp, saveWeightsOnly));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "ModelCheckpoint: could not save the checkpoint " + path + ": " + e.getMessage(), e);
    }
    if (verbose > 0) {
      Logs.print("\nEpoch " + (epoch + 1) + ": finished saving model to " + path);
    }
  }

  private boolean shouldSave(int epoch, Map<String, Double> logs, Path path) {
    if (!saveBestOnly) {
      if (verbose > 0) {
        Logs.print("\nEpoch " + (epoch + 1) + ": saving model to " + path);
      }
      return true;
    }
    Double current = logs.get(monitor);
    if (current == null) {
      System.getLogger("dev.graft")
          .log(
              System.Logger.Level.WARNING,
              "Can save best model only with " + monitor + " available.");
      return true;
    }
    String bestText = PyFormat.formatValue(best, ".5f", monitor);
    boolean improved = maximize ? current > best : current < best;
    if (improved) {
      if (verbose > 0) {
        Logs.print(
            "\nEpoch "
                + (epoch + 1)
                + ": "
                + monitor
                + " improved from "
                + bestText
                + " to "
                + PyFormat.formatValue(current, ".5f", monitor)
                + ", saving model to "
                + path);
      }
      best = current;
      return true;
    }
    if (verbose > 0) {
      Logs.print("\nEpoch " + (epoch + 1) + ": " + monitor + " did not improve from " + bestText);
    }
    return false;
  }

  private Path filePath(int epoch, int batch, Map<String, Double> logs) {
    Map<String, Object> values = new LinkedHashMap<>(logs);
    values.put("epoch", epoch + 1);
    if (batch >= 0 && !logs.containsKey("batch")) {
      values.put("batch", batch + 1);
    }
    try {
      return Path.of(PyFormat.format(filepath, values));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Failed to format this callback filepath: \""
              + filepath
              + "\". Reason: "
              + e.getMessage(),
          e);
    }
  }

  private Model model() {
    if (context == null || context.model() == null) {
      throw new IllegalStateException(
          "ModelCheckpoint: no model; pass the callback to fit, or call setContext first");
    }
    return context.model();
  }

  /** Settings, with Keras's defaults. */
  public static final class Builder {
    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private MonitorMode mode = MonitorMode.AUTO;
    private int saveFreq;
    private Double initialValueThreshold;
    private Writer writer;

    private Builder(String filepath) {
      if (filepath == null || filepath.isEmpty()) {
        throw new IllegalArgumentException("ModelCheckpoint: filepath is required");
      }
      this.filepath = filepath;
    }

    /** The quantity compared with {@code saveBestOnly}; default {@code val_loss}. */
    public Builder monitor(String monitor) {
      if (monitor == null || monitor.isEmpty()) {
        throw new IllegalArgumentException("ModelCheckpoint: monitor must be a metric name");
      }
      this.monitor = monitor;
      return this;
    }

    /** 1 prints a line for each save decision; default 0. */
    public Builder verbose(int verbose) {
      this.verbose = verbose;
      return this;
    }

    /** Saves only when the monitored value improves; default false. */
    public Builder saveBestOnly(boolean saveBestOnly) {
      this.saveBestOnly = saveBestOnly;
      return this;
    }

    /**
     * Keras saves only the weights when true and the whole model otherwise; graft's default writers
     * save weights either way (see the class comment); default false.
     */
    public Builder saveWeightsOnly(boolean saveWeightsOnly) {
      this.saveWeightsOnly = saveWeightsOnly;
      return this;
    }

    public Builder mode(MonitorMode mode) {
      if (mode == null) {
        throw new IllegalArgumentException("ModelCheckpoint: mode must be AUTO, MIN or MAX");
      }
      this.mode = mode;
      return this;
    }

    /** Saves at the end of every epoch (the default, Keras's {@code save_freq="epoch"}). */
    public Builder saveFreqEpoch() {
      this.saveFreq = 0;
      return this;
    }

    /** Saves after every {@code batches} training batches instead of every epoch. */
    public Builder saveFreq(int batches) {
      if (batches < 1) {
        throw new IllegalArgumentException(
            "ModelCheckpoint: saveFreq must be a positive number of batches, got " + batches);
      }
      this.saveFreq = batches;
      return this;
    }

    /** The value the first monitored value must beat with {@code saveBestOnly}. */
    public Builder initialValueThreshold(double threshold) {
      this.initialValueThreshold = threshold;
      return this;
    }

    /**
     * How a checkpoint is written; by default chosen by the path's ending (see the class comment).
     * The writer fills the temporary file it is given; the callback makes the replacement atomic.
     */
    public Builder writer(Writer writer) {
      if (writer == null) {
        throw new IllegalArgumentException("ModelCheckpoint: writer is null");
      }
      this.writer = writer;
      return this;
    }

    /**
     * @throws IllegalArgumentException with {@code saveBestOnly}, mode {@link MonitorMode#AUTO} and
     *     a monitored name whose direction graft cannot tell; or for a legacy {@code .h5} path
     *     without a {@link #writer}
     */
    public ModelCheckpoint build() {
      return new ModelCheckpoint(this);
    }
  }
}
