package dev.graft.data.image;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The optional settings of {@link ImageDatasets}, with the defaults of Keras's {@code
 * image_dataset_from_directory}: labels inferred from the subfolders, {@code labelMode "int"},
 * {@code colorMode "rgb"}, batches of 32, images resized to 256x256 with bilinear interpolation,
 * shuffled, no validation split, symbolic links not followed, no cropping.
 *
 * <pre>{@code
 * ImageDatasetOptions o =
 *     ImageDatasetOptions.defaults().imageSize(180, 180).validationSplit(0.2).seed(1337L);
 * }</pre>
 *
 * <p>A mutable builder: each setter checks its own value, changes this object and returns it; the
 * checks that involve several settings (as Keras's) run when a dataset is made.
 */
public final class ImageDatasetOptions {
  private int[] labels;
  private boolean noLabels;
  private LabelMode labelMode = LabelMode.INT;
  private List<String> classNames;
  private ColorMode colorMode = ColorMode.RGB;
  private int batchSize = 32;
  private int height = 256;
  private int width = 256;
  private boolean shuffle = true;
  private Long seed;
  private double validationSplit;
  private String subset;
  private Interpolation interpolation = Interpolation.BILINEAR;
  private boolean followLinks;
  private boolean cropToAspectRatio;
  private boolean verbose = true;
  private PrintStream out;
  private PrintStream err;
  private int parallelism = Runtime.getRuntime().availableProcessors();

  private ImageDatasetOptions() {}

  /** Keras's defaults. */
  public static ImageDatasetOptions defaults() {
    return new ImageDatasetOptions();
  }

  /**
   * Explicit integer labels, one per image file, in the sorted order of the file paths under the
   * folder (Keras's {@code labels=[...]}); the folder's structure is then ignored and the class
   * names are the sorted distinct labels, as text.
   */
  public ImageDatasetOptions labels(int... values) {
    if (values == null) {
      throw new IllegalArgumentException("labels: null; use noLabels() for unlabelled data");
    }
    labels = values.clone();
    noLabels = false;
    return this;
  }

  /** No labels (Keras's {@code labels=None}): the files of the whole folder tree, images only. */
  public ImageDatasetOptions noLabels() {
    labels = null;
    noLabels = true;
    return this;
  }

  /** Labels from the sorted subfolder names (Keras's {@code labels="inferred"}, the default). */
  public ImageDatasetOptions inferLabels() {
    labels = null;
    noLabels = false;
    return this;
  }

  /**
   * {@code "int"} (default), {@code "binary"}, {@code "categorical"}, or {@code null} for no
   * labels.
   */
  public ImageDatasetOptions labelMode(String mode) {
    labelMode = LabelMode.of(mode);
    return this;
  }

  /** The label encoding; {@code null} for no labels. */
  public ImageDatasetOptions labelMode(LabelMode mode) {
    labelMode = mode;
    return this;
  }

  /**
   * The classes to use, each a subfolder name, in the order that sets their labels (default: all
   * subfolders, sorted). Only with inferred labels.
   */
  public ImageDatasetOptions classNames(List<String> names) {
    classNames = names == null ? null : List.copyOf(names);
    return this;
  }

  /** {@code "rgb"} (default), {@code "rgba"} or {@code "grayscale"}. */
  public ImageDatasetOptions colorMode(String mode) {
    if (mode == null) {
      throw new IllegalArgumentException(
          "colorMode must be one of \"rgb\", \"rgba\", \"grayscale\", got null");
    }
    colorMode = ColorMode.of(mode);
    return this;
  }

  /** The channels of the images. */
  public ImageDatasetOptions colorMode(ColorMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("colorMode is null");
    }
    colorMode = mode;
    return this;
  }

  /**
   * Images per batch (default 32); the last batch may be smaller. For Keras's {@code
   * batch_size=None} use {@link ImageDatasets#samplesFromDirectory}.
   */
  public ImageDatasetOptions batchSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + n);
    }
    batchSize = n;
    return this;
  }

  /** The size every image is resized to (default 256x256). */
  public ImageDatasetOptions imageSize(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "imageSize must be two positive integers (height, width), got " + height + ", " + width);
    }
    this.height = height;
    this.width = width;
    return this;
  }

  /**
   * Whether to shuffle (default true): the file list once, with the seed, before any split, and the
   * images of each pass through a buffer of {@code 8 * batchSize}. Otherwise the files come in
   * sorted order.
   */
  public ImageDatasetOptions shuffle(boolean on) {
    shuffle = on;
    return this;
  }

  /**
   * The seed of the shuffles; required with a validation split and shuffling, so that the training
   * and validation subsets never overlap. Default: a random one.
   */
  public ImageDatasetOptions seed(Long value) {
    seed = value;
    return this;
  }

  /** The fraction of the files kept for validation, strictly between 0 and 1 (default: none). */
  public ImageDatasetOptions validationSplit(double fraction) {
    if (!(fraction == 0 || (0 < fraction && fraction < 1))) {
      throw new IllegalArgumentException(
          "validationSplit must be between 0 and 1, received: " + fraction);
    }
    validationSplit = fraction;
    return this;
  }

  /**
   * {@code "training"}, {@code "validation"} or {@code "both"} (the last with {@link
   * ImageDatasets#fromDirectoryBoth}); only with a validation split.
   */
  public ImageDatasetOptions subset(String value) {
    if (value != null && !List.of("training", "validation", "both").contains(value)) {
      throw new IllegalArgumentException(
          "subset must be either \"training\", \"validation\" or \"both\", received: " + value);
    }
    subset = value;
    return this;
  }

  /** {@code "bilinear"} (default), {@code "nearest"}, {@code "bicubic"} or {@code "area"}. */
  public ImageDatasetOptions interpolation(String method) {
    if (method == null) {
      throw new IllegalArgumentException("interpolation is null");
    }
    interpolation = Interpolation.of(method);
    return this;
  }

  /** The resize method. */
  public ImageDatasetOptions interpolation(Interpolation method) {
    if (method == null) {
      throw new IllegalArgumentException("interpolation is null");
    }
    interpolation = method;
    return this;
  }

  /** Whether to walk into folders reached through symbolic links (default false). */
  public ImageDatasetOptions followLinks(boolean on) {
    followLinks = on;
    return this;
  }

  /**
   * Whether to crop the largest centred window with the target's aspect ratio before resizing, so
   * that images are not distorted (default false).
   */
  public ImageDatasetOptions cropToAspectRatio(boolean on) {
    cropToAspectRatio = on;
    return this;
  }

  /** Whether to print Keras's {@code Found ...} and {@code Using ...} lines (default true). */
  public ImageDatasetOptions verbose(boolean on) {
    verbose = on;
    return this;
  }

  /** Where Keras's lines are printed (default {@code System.out}). */
  public ImageDatasetOptions out(PrintStream stream) {
    out = stream;
    return this;
  }

  /**
   * Where the warnings about files that cannot be decoded, and each pass's count of them, are
   * printed (default {@code System.err}).
   */
  public ImageDatasetOptions err(PrintStream stream) {
    err = stream;
    return this;
  }

  /** Threads that decode and resize (default: the number of processors); order is kept. */
  public ImageDatasetOptions parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
    }
    parallelism = threads;
    return this;
  }

  int[] labels() {
    return labels == null ? null : labels.clone();
  }

  boolean labelsOff() {
    return noLabels;
  }

  LabelMode labelMode() {
    return labelMode;
  }

  List<String> classNames() {
    return classNames;
  }

  ColorMode colorMode() {
    return colorMode;
  }

  int batchSize() {
    return batchSize;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  boolean shuffle() {
    return shuffle;
  }

  Long seed() {
    return seed;
  }

  double validationSplit() {
    return validationSplit;
  }

  String subset() {
    return subset;
  }

  Interpolation interpolation() {
    return interpolation;
  }

  boolean followLinks() {
    return followLinks;
  }

  boolean cropToAspectRatio() {
    return cropToAspectRatio;
  }

  boolean verbose() {
    return verbose;
  }

  PrintStream out() {
    return out == null ? System.out : out;
  }

  PrintStream err() {
    return err == null ? System.err : err;
  }

  int parallelism() {
    return parallelism;
  }

  @Override
  public String toString() {
    return "ImageDatasetOptions[labels="
        + (noLabels ? "none" : labels == null ? "inferred" : Arrays.toString(labels))
        + ", labelMode="
        + labelMode
        + ", imageSize="
        + height
        + "x"
        + width
        + ", batchSize="
        + batchSize
        + "]";
  }
}
