package dev.graft.cli.train;

import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.PreprocessMode;
import dev.graft.cli.DataFolder;
import dev.graft.cli.TrainingCurves;
import dev.graft.cli.UserError;
import dev.graft.cli.model.ModelFile;
import dev.graft.cli.model.ModelSidecar;
import dev.graft.data.image.ImageDatasetOptions;
import dev.graft.data.image.ImageDatasets;
import dev.graft.data.image.TrainValidation;
import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import dev.graft.saving.ModelFiles;
import dev.graft.training.Batch;
import dev.graft.training.FitOptions;
import dev.graft.training.callbacks.CSVLogger;
import dev.graft.training.callbacks.EarlyStopping;
import dev.graft.training.callbacks.ModelCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code graft train} run: builds (or, resuming, reloads) the model, runs the phases that are
 * left, and writes the model, its class names, the curves and the summary table.
 */
final class TrainRun {
  private final TrainFiles files;
  private final PrintStream out;
  private final int stopAfterEpochs;

  TrainRun(TrainFiles files, PrintStream out, int stopAfterEpochs) {
    this.files = files;
    this.out = out;
    this.stopAfterEpochs = stopAfterEpochs;
  }

  void start(TrainSettings s) throws IOException {
    List<String> classNames = DataFolder.classNames(Path.of(s.data()));
    List<Layer> augmentation = Augmentation.layers(s.augment());
    Seeds.setGlobalSeed(s.seed());
    Model base = buildBase(s);
    Model model =
        TransferModel.around(
            base,
            new int[] {s.imageSize(), s.imageSize(), 3},
            augmentation,
            preprocessing(s.base()),
            classNames.size());
    Files.deleteIfExists(files.csv());
    TrainState state = TrainState.start(s, classNames, base.name());
    state.write(files.state());
    train(model, state, false);
  }

  void resume() throws IOException {
    TrainState state = TrainState.read(files.state());
    if (state.finished()) {
      throw new UserError(
          "--resume: the run of " + files.model() + " has already finished; nothing to continue");
    }
    TrainSettings s = state.settings();
    List<String> classNames = DataFolder.classNames(Path.of(s.data()));
    if (!classNames.equals(state.classNames())) {
      throw new UserError(
          "--resume: the classes of "
              + s.data()
              + " changed since the run started ("
              + state.classNames()
              + " then, "
              + classNames
              + " now); start a new run");
    }
    // Augmentation and dropout draw from the global generator: seed it per resume point, so a
    // resumed run is reproducible (its draws differ from an uninterrupted run's, which cannot be
    // replayed without saving the generator's state).
    Seeds.setGlobalSeed(s.seed() + state.epochsDone());
    Model model = ModelFile.load(files.checkpoint());
    keepCsvRows(state.epochsDone());
    out.printf(
        "Resuming from epoch %d (%s), checkpoint %s.%n",
        state.epochsDone() + 1,
        state.phase() == 1 ? "feature extraction" : "fine-tuning",
        files.checkpoint());
    train(model, state, true);
  }

  private void train(Model model, TrainState state, boolean resumed) throws IOException {
    TrainSettings s = state.settings();
    int classes = state.classNames().size();
    new ModelSidecar(state.classNames(), true).writeFor(files.model());
    TrainValidation<Batch> data = load(s, state.classNames());
    Layer base = model.getLayer(state.baseLayer());
    EpochRecorder recorder = new EpochRecorder(files.state(), state, stopAfterEpochs);
    boolean csvAppends = resumed || state.epochsDone() > 0;

    if (recorder.state().phase() == 1) {
      out.println("Phase 1: feature extraction, the base frozen.");
      base.setTrainable(false);
      compileUnlessContinuing(model, classes, s.learningRate(), resumed);
      fit(model, data, s, recorder.state().epochsDone(), s.epochs(), recorder, csvAppends);
      if (stoppedEarly(recorder)) {
        return;
      }
      recorder.update(recorder.state().startFineTuning());
      csvAppends = true;
    }
    if (s.fineTuneEpochs() > 0) {
      out.printf(
          java.util.Locale.ROOT,
          "Phase 2: fine-tuning, the base unfrozen, learning rate %g.%n",
          s.fineTuneLearningRate());
      base.setTrainable(true);
      // A checkpoint of the last phase-1 epoch holds phase 1's optimizer: start phase 2 afresh.
      boolean phase2Checkpoint = recorder.state().epochsDone() > recorder.state().phase1Epochs();
      compileUnlessContinuing(
          model, classes, s.fineTuneLearningRate(), resumed && phase2Checkpoint);
      int end = recorder.state().phase1Epochs() + s.fineTuneEpochs();
      fit(model, data, s, recorder.state().epochsDone(), end, recorder, csvAppends);
      if (stoppedEarly(recorder)) {
        return;
      }
    }
    TrainState done = recorder.state().finish();
    ModelFiles.save(model, files.model());
    TrainingCurves.write(done.epochLogs(), done.phase1Epochs(), files.curves());
    recorder.update(done);
    out.println();
    out.print(TrainSummary.table(done));
    out.println(
        "Saved " + files.model() + " (class names in " + ModelSidecar.fileOf(files.model()) + ").");
    out.println("Curves in " + files.curves() + ", log in " + files.csv() + ".");
  }

  /**
   * Compiles {@code model} with a fresh Adam at the phase's start; resuming within a phase, keeps
   * the optimizer the checkpoint restored (its step count and moments), so the run continues as if
   * it had not been interrupted. A checkpoint without optimizer state compiles afresh.
   */
  private void compileUnlessContinuing(
      Model model, int classes, double learningRate, boolean samePhaseCheckpoint) {
    if (samePhaseCheckpoint && model.trainer().isCompiled()) {
      Optimizer o = model.trainer().optimizer();
      out.printf(
          "Continuing %s from the checkpoint's state (step %d, learning rate %s).%n",
          o.name(), o.iterations(), o.learningRate());
      // The CLI's own loss and metrics; the optimizer object carries the restored state.
      TransferModel.compile(model, classes, o);
      return;
    }
    TransferModel.compile(model, classes, learningRate);
  }

  private boolean stoppedEarly(EpochRecorder recorder) {
    if (!recorder.stopped()) {
      return false;
    }
    out.printf(
        "Stopped after epoch %d as asked; continue with --resume.%n",
        recorder.state().epochsDone());
    return true;
  }

  private void fit(
      Model model,
      TrainValidation<Batch> data,
      TrainSettings s,
      int initialEpoch,
      int epochs,
      EpochRecorder recorder,
      boolean csvAppends) {
    if (initialEpoch >= epochs) {
      return;
    }
    FitOptions options =
        FitOptions.defaults()
            .epochs(epochs)
            .initialEpoch(initialEpoch)
            .seed(s.seed() + initialEpoch)
            .validationData(data.validation())
            .output(out)
            .callbacks(
                new CSVLogger(files.csv(), ",", csvAppends),
                ModelCheckpoint.builder(files.checkpoint().toString()).build(),
                EarlyStopping.builder().monitor("val_loss").patience(s.patience()).build(),
                recorder);
    model.fit(data.training(), options);
  }

  private TrainValidation<Batch> load(TrainSettings s, List<String> classNames) {
    ImageDatasetOptions options =
        ImageDatasetOptions.defaults()
            .imageSize(s.imageSize(), s.imageSize())
            .batchSize(s.batchSize())
            .validationSplit(s.validationSplit())
            .subset("both")
            .seed(s.seed())
            .classNames(classNames)
            .labelMode(classNames.size() == 2 ? "binary" : "int")
            .out(out);
    try {
      return ImageDatasets.fromDirectoryBoth(Path.of(s.data()), options);
    } catch (IllegalArgumentException e) {
      throw new UserError("--data " + s.data() + ": " + e.getMessage(), e);
    }
  }

  /** The base {@code --base} and {@code --weights} ask for; their errors are the user's. */
  private static Model buildBase(TrainSettings s) {
    BaseFamily family = BaseFamily.named(s.base());
    if (family == null) {
      Path file = Path.of(s.base());
      if (!s.base().endsWith(".keras") && !s.base().endsWith(".h5")) {
        throw new UserError(
            "--base "
                + s.base()
                + ": not a known base; use xception, mobilenetv2, resnet50, efficientnetb0, vgg16"
                + " or a .keras / .h5 model file");
      }
      if (!s.weights().equals("none") && !s.weights().equals("imagenet")) {
        throw new UserError(
            "--weights "
                + s.weights()
                + ": a --base file brings its own weights; leave --weights out");
      }
      return ModelFile.load(file);
    }
    ApplicationOptions options = ApplicationOptions.defaults();
    if (s.weights().equals("none")) {
      options.weights((String) null);
    } else if (s.weights().equals("imagenet")) {
      options.weights("imagenet");
    } else {
      Path file = Path.of(s.weights());
      if (!Files.isRegularFile(file)) {
        throw new UserError(
            "--weights " + s.weights() + ": no such file; give imagenet, none or a weights file");
      }
      options.weights(file);
    }
    try {
      return family.build(s.imageSize(), options);
    } catch (UncheckedIOException e) {
      throw new UserError("--weights " + s.weights() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "--base " + s.base() + " with --image-size " + s.imageSize() + ": " + e.getMessage(), e);
    }
  }

  private static PreprocessMode preprocessing(String base) {
    BaseFamily family = BaseFamily.named(base);
    return family == null ? null : family.preprocessing();
  }

  /** After a kill the log may hold an epoch the checkpoint does not: keep the first {@code n}. */
  private void keepCsvRows(int n) throws IOException {
    if (!Files.isRegularFile(files.csv())) {
      return;
    }
    List<String> lines = Files.readAllLines(files.csv(), StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>(lines.subList(0, Math.min(lines.size(), n + 1)));
    Files.write(files.csv(), kept, StandardCharsets.UTF_8);
  }

  static double last(List<Map<String, Double>> epochs, int end, String key) {
    if (end <= 0) {
      return Double.NaN;
    }
    Double v = epochs.get(end - 1).get(key);
    return v == null ? Double.NaN : v;
  }
}
