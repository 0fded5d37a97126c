package dev.graft.cli.train;

import dev.graft.cli.GraftCommand;
import dev.graft.cli.UserError;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code graft train}: the Keras transfer-learning guide's two phases on a folder of images. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tunes a pretrained base on a folder with one subfolder of images per class, as the"
          + " Keras transfer-learning guide: a new head on the frozen base, then the whole model"
          + " at a low learning rate.",
      "Beside --out it writes NAME.checkpoint.keras (every epoch), NAME.state.json (for --resume),"
          + " NAME.log.csv, NAME.curves.png and NAME.classes.json (class names, for predict)."
    })
public final class TrainCommand implements Callable<Integer> {
  @ParentCommand private GraftCommand parent;

  @Option(names = "--data", paramLabel = "DIR", description = "One subfolder of images per class.")
  Path data;

  @Option(
      names = "--base",
      defaultValue = "xception",
      description =
          "xception, mobilenetv2, resnet50, efficientnetb0, vgg16, or a FILE.keras / .h5 model"
              + " (default: ${DEFAULT-VALUE}).")
  String base;

  @Option(
      names = "--weights",
      defaultValue = "imagenet",
      description = "imagenet, none, or a weights FILE (default: ${DEFAULT-VALUE}).")
  String weights;

  @Option(names = "--image-size", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
  int imageSize;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--validation-split",
      defaultValue = "0.2",
      description = "Fraction of the images kept for validation (default: ${DEFAULT-VALUE}).")
  double validationSplit;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Epochs with the base frozen (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--fine-tune-epochs",
      defaultValue = "10",
      description =
          "Epochs with the base unfrozen; 0 skips fine-tuning (default: ${DEFAULT-VALUE}).")
  int fineTuneEpochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(
      names = "--fine-tune-lr",
      defaultValue = "1e-5",
      description = "Default: ${DEFAULT-VALUE}.")
  double fineTuneLearningRate;

  @Option(
      names = "--augment",
      defaultValue = "flip,rotate=0.1",
      description =
          "Random layers, comma-separated: flip, rotate=F, zoom=F, translate=F, contrast=F, or"
              + " none (default: ${DEFAULT-VALUE}).")
  String augment;

  @Option(names = "--seed", defaultValue = "1337", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--patience",
      defaultValue = "5",
      description = "EarlyStopping's patience on val_loss, per phase (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(
      names = "--out",
      paramLabel = "FILE.keras",
      defaultValue = "model.keras",
      description = "The trained model (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--resume",
      description =
          "Continue the interrupted run of this --out from its last checkpoint, with its settings.")
  boolean resume;

  /** A test hook that simulates a killed run: stop after this many epochs. */
  @Option(names = "--stop-after-epochs", hidden = true, defaultValue = "0")
  int stopAfterEpochs;

  @Override
  public Integer call() throws Exception {
    TrainRun run = new TrainRun(TrainFiles.of(out), parent.out(), stopAfterEpochs);
    if (resume) {
      run.resume();
    } else {
      run.start(settings());
    }
    return GraftCommand.EXIT_OK;
  }

  private TrainSettings settings() {
    if (data == null) {
      throw new UserError("train: give the images with --data DIR");
    }
    positive("--image-size", imageSize);
    positive("--batch-size", batchSize);
    positive("--epochs", epochs);
    if (fineTuneEpochs < 0) {
      throw new UserError("--fine-tune-epochs must be 0 or more, got " + fineTuneEpochs);
    }
    if (!(validationSplit > 0 && validationSplit < 1)) {
      throw new UserError(
          "--validation-split must be between 0 and 1 (exclusive), got " + validationSplit);
    }
    if (!(learningRate > 0) || !(fineTuneLearningRate > 0)) {
      throw new UserError("--lr and --fine-tune-lr must be positive");
    }
    return new TrainSettings(
        data.toAbsolutePath().toString(),
        base,
        weights,
        imageSize,
        batchSize,
        validationSplit,
        epochs,
        fineTuneEpochs,
        learningRate,
        fineTuneLearningRate,
        augment,
        seed,
        patience);
  }

  private static void positive(String option, int value) {
    if (value <= 0) {
      throw new UserError(option + " must be positive, got " + value);
    }
  }
}
