package dev.graft.data.image;

import dev.graft.data.FileDataset;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keras's {@code keras.utils.image_dataset_from_directory}: a lazy dataset of images read from a
 * folder with one subfolder per class (the Kaggle {@code PetImages/Cat/*.jpg}, {@code
 * PetImages/Dog/*.jpg} layout), labelled by subfolder, resized, shuffled and batched.
 *
 * <pre>{@code
 * TrainValidation<Batch> ds = ImageDatasets.fromDirectoryBoth(Path.of("PetImages"),
 *     ImageDatasetOptions.defaults().imageSize(180, 180).validationSplit(0.2).subset("both")
 *         .seed(1337L));
 * // Found 23422 files belonging to 2 classes.
 * // Using 18738 files for training.
 * // Using 4684 files for validation.
 * model.fit(ds.training(), FitOptions.defaults().epochs(25).validationData(ds.validation()));
 * }</pre>
 *
 * <p>What Keras does, graft does: files with the extensions of {@link ImageFiles#EXTENSIONS}, class
 * names from the sorted subfolder names (hidden ones left out) or as given, Keras's printed lines
 * word for word, Keras's argument errors (a validation split with shuffling needs a seed), the file
 * list shuffled once with the seed <em>before</em> the split, the training subset first and the
 * validation subset the last {@code int(validationSplit * n)} files, and each pass of a shuffled
 * dataset reshuffled through a buffer of {@code 8 * batchSize} images (the validation dataset of
 * {@link #fromDirectoryBoth} is not reshuffled). Images are float32 in {@code [0, 255]}, shape
 * {@code (height, width, channels)}, resized as {@code tf.image.resize} does ({@link ImageResize}),
 * or cropped to the target aspect ratio first with {@code cropToAspectRatio}.
 *
 * <p>Differences: the same seed gives the same order in graft every time, but not the order numpy
 * gives in Keras; {@code pad_to_aspect_ratio}, {@code data_format="channels_first"} and the
 * lanczos/gaussian/mitchellcubic interpolations are not offered.
 *
 * <p><b>Bad files never stop a run.</b> Decoding happens lazily, on {@code parallelism} worker
 * threads per pass. A file that cannot be decoded (empty, truncated, not an image; see {@link
 * ImageDecoder}) is left out of the pass with one warning naming it (the first time only), and a
 * pass that skipped files ends with a line counting them, for example {@code Skipped 3 files of
 * 2000 that could not be decoded in this pass.} Because of that the datasets' cardinality is
 * unknown until iterated; {@link FileDataset#filePaths()} gives the number of files.
 */
public final class ImageDatasets {
  private ImageDatasets() {}

  /** Batches of the folder's images with Keras's defaults. */
  public static FileDataset<Batch> fromDirectory(Path dir) {
    return fromDirectory(dir, ImageDatasetOptions.defaults());
  }

  /**
   * Batches {@code (images, labels)} of the folder's images: {@code x} is {@code (batch, height,
   * width, channels)}, {@code y} is {@code (batch)} for {@code "int"} labels, {@code (batch, 1)}
   * for {@code "binary"}, {@code (batch, numClasses)} for {@code "categorical"}, and {@code null}
   * without labels. Plugs into {@code Model.fit}.
   *
   * @throws IllegalArgumentException for Keras's argument errors, with its messages
   */
  public static FileDataset<Batch> fromDirectory(Path dir, ImageDatasetOptions options) {
    requireSingleSubset(options, "fromDirectory");
    Prepared p = prepare(dir, options);
    LabeledFiles part = subset(p, dir, options, options.subset());
    return pipeline(part, p, options, options.shuffle()).batches();
  }

  /**
   * The training and validation datasets of Keras's {@code subset="both"}; needs a {@code
   * validationSplit} and {@code subset("both")}, as Keras. Prints the {@code Found} line and both
   * {@code Using} lines.
   */
  public static TrainValidation<Batch> fromDirectoryBoth(Path dir, ImageDatasetOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("fromDirectoryBoth: options is null");
    }
    if (options.validationSplit() == 0) {
      throw new IllegalArgumentException(
          "fromDirectoryBoth: set validationSplit, the fraction of files kept for validation");
    }
    if (!"both".equals(options.subset())) {
      throw new IllegalArgumentException(
          "fromDirectoryBoth needs subset(\"both\"), got "
              + options.subset()
              + "; for one subset alone call fromDirectory");
    }
    Prepared p = prepare(dir, options);
    LabeledFiles training = subset(p, dir, options, "training");
    LabeledFiles validation = subset(p, dir, options, "validation");
    return new TrainValidation<>(
        pipeline(training, p, options, options.shuffle()).batches(),
        pipeline(validation, p, options, false).batches());
  }

  /**
   * Single images, Keras's {@code batch_size=None}: elements {@code {image, label}} ({@code label}
   * a scalar, {@code (1)} or {@code (numClasses)}) or {@code {image}} without labels. {@code
   * batchSize} only sets the shuffle buffer ({@code 8 * batchSize}). Batch them with {@code
   * .batch(n, false).toBatches()} for {@code fit}.
   */
  public static FileDataset<Tensor[]> samplesFromDirectory(Path dir, ImageDatasetOptions options) {
    requireSingleSubset(options, "samplesFromDirectory");
    Prepared p = prepare(dir, options);
    LabeledFiles part = subset(p, dir, options, options.subset());
    return pipeline(part, p, options, options.shuffle()).samples();
  }

  /** The checked settings and the indexed, globally shuffled files. */
  private record Prepared(
      LabeledFiles files, LabelMode labelMode, long seed, DecodeReport report) {}

  private static Prepared prepare(Path dir, ImageDatasetOptions o) {
    if (o == null) {
      throw new IllegalArgumentException("image dataset: options is null");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          dir
              + " is not a directory; give the folder that holds one subfolder of images per class");
    }
    boolean explicit = o.labels() != null;
    if (explicit && o.classNames() != null) {
      throw new IllegalArgumentException(
          "You can only pass classNames if labels are inferred. Received: labels given, and"
              + " classNames="
              + o.classNames());
    }
    LabelMode mode = o.labelsOff() ? null : o.labelMode();
    boolean labelled = mode != null;
    if (o.validationSplit() > 0 != (o.subset() != null)) {
      throw new IllegalArgumentException(
          "If subset is set, validationSplit must be set, and inversely.");
    }
    if (o.validationSplit() > 0 && o.shuffle() && o.seed() == null) {
      throw new IllegalArgumentException(
          "If using validationSplit and shuffling the data, you must provide a seed argument, to"
              + " make sure that there is no overlap between the training and validation subset.");
    }
    long seed = o.seed() != null ? o.seed() : ThreadLocalRandom.current().nextInt(1_000_000);
    LabeledFiles files = index(dir, o, labelled, explicit);
    if (o.verbose()) {
      println(
          o.out(),
          files.labels() == null
              ? "Found " + files.size() + " files."
              : "Found "
                  + files.size()
                  + " files belonging to "
                  + files.classNames().size()
                  + " classes.");
    }
    if (o.shuffle()) {
      files = files.shuffled(seed);
    }
    if (mode == LabelMode.BINARY && files.classNames().size() != 2) {
      throw new IllegalArgumentException(
          "When passing labelMode \"binary\", there must be exactly 2 classNames. Received:"
              + " classNames="
              + files.classNames());
    }
    if (mode == LabelMode.CATEGORICAL && explicit) {
      int n = files.classNames().size();
      for (int label : files.labels()) {
        if (label < 0 || label >= n) {
          throw new IllegalArgumentException(
              "labelMode \"categorical\" needs labels 0 to "
                  + (n - 1)
                  + " (one per distinct label), got "
                  + label
                  + "; renumber the labels");
        }
      }
    }
    DecodeReport report = new DecodeReport(line -> println(o.err(), line));
    return new Prepared(files, mode, seed, report);
  }

  /** Keras's {@code index_directory}: inferred labels, given labels, or none. */
  private static LabeledFiles index(
      Path dir, ImageDatasetOptions o, boolean labelled, boolean explicit) {
    if (labelled && !explicit) {
      ImageFiles.Index index = ImageFiles.index(dir, o.classNames(), o.followLinks());
      return new LabeledFiles(index.files(), index.labels(), index.classNames());
    }
    if (o.classNames() != null) {
      throw new IllegalArgumentException(
          "When labels are off (noLabels() or labelMode null), classNames cannot be specified.");
    }
    // Given labels or none: the whole tree, top-level files included, in sorted path order.
    List<Path> files = ImageFiles.list(dir, o.followLinks());
    if (!labelled) {
      return new LabeledFiles(files, null, null);
    }
    int[] labels = o.labels();
    if (labels.length != files.size()) {
      throw new IllegalArgumentException(
          "Expected the lengths of labels to match the number of files in the target directory."
              + " len(labels) is "
              + labels.length
              + " while we found "
              + files.size()
              + " files in directory "
              + dir
              + ".");
    }
    TreeSet<Integer> distinct = new TreeSet<>();
    for (int l : labels) {
      distinct.add(l);
    }
    List<String> names = new ArrayList<>();
    for (int l : distinct) {
      names.add(Integer.toString(l));
    }
    return new LabeledFiles(files, labels, names);
  }

  private static LabeledFiles subset(Prepared p, Path dir, ImageDatasetOptions o, String subset) {
    LabeledFiles part = p.files().subset(o.validationSplit(), subset, o.verbose() ? o.out() : null);
    if (part.size() == 0) {
      String which =
          o.validationSplit() == 0 || subset == null
              ? ""
              : subset.equals("training") ? "training " : "validation ";
      throw new IllegalArgumentException(
          "No "
              + which
              + "images found in directory "
              + dir
              + ". Allowed formats: "
              + ImageFiles.EXTENSIONS);
    }
    return part;
  }

  private static ImagePipeline pipeline(
      LabeledFiles part, Prepared p, ImageDatasetOptions o, boolean shufflePasses) {
    return new ImagePipeline(
        part, p.labelMode(), o, shufflePasses ? Long.valueOf(p.seed()) : null, p.report());
  }

  private static void requireSingleSubset(ImageDatasetOptions o, String method) {
    if (o != null && "both".equals(o.subset())) {
      throw new IllegalArgumentException(
          method + ": subset \"both\" gives two datasets; call fromDirectoryBoth");
    }
  }

  private static void println(PrintStream out, String line) {
    out.println(line);
    out.flush();
  }
}
