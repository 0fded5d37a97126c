package dev.graft.examples;

import dev.graft.applications.ApplicationModel;
import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.PretrainedWeights;
import dev.graft.applications.Xception;
import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.datasets.Datasets;
import dev.graft.datasets.LabeledImages;
import dev.graft.initializers.Seeds;
import dev.graft.io.download.RemoteFile;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.metrics.BinaryAccuracy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import dev.graft.training.FitOptions;
import java.io.IOException;
import java.util.Arrays;

/**
 * The model of the Keras transfer-learning guide: an Xception base without its top (ImageNet
 * weights, 150x150x3), frozen, called with {@code training = false} between {@code Rescaling(1 /
 * 127.5, -1)} and a new head ({@code GlobalAveragePooling2D -> Dropout(0.2) -> Dense(1)}); one
 * epoch of training the head (Adam 1e-3), then {@code base.setTrainable(true)} and one epoch of
 * fine-tuning everything (Adam 1e-5), printing the summary before each stage.
 *
 * <p>Data: a small binary subset of Fashion-MNIST (T-shirts against ankle boots), resized to
 * 150x150 and repeated over three channels, standing in for the guide's cats and dogs.
 *
 * <p>Usage: {@code TransferLearning [--images N] [--download]}. {@code --images} sets how many
 * images train (default 64, in batches of 8). The ImageNet weights are used when they are already
 * in Keras's cache ({@code ~/.keras/models}) or graft's ({@code ~/.graft/models}); otherwise the
 * base keeps random weights and a notice says so, unless {@code --download} fetches them (about 80
 * MB). Needs Fashion-MNIST (Debian's {@code dataset-fashion-mnist}, or the files in graft's cache).
 */
public final class TransferLearning {
  private static final int SIZE = 150;
  private static final int BATCH = 8;

  private TransferLearning() {}

  public static void main(String[] args) throws IOException {
    int images = 64;
    boolean download = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--images" -> images = positive(args, ++i);
        case "--download" -> download = true;
        default ->
            throw new IllegalArgumentException(
                "unknown argument '" + args[i] + "'; usage: [--images N] [--download]");
      }
    }
    Seeds.setGlobalSeed(1337);

    ApplicationModel base = base(download);
    Model model = transferModel(base);
    Tensor[] data = data(images);

    // Stage 1: train the new head on top of the frozen base.
    base.setTrainable(false);
    model.summary();
    model.compile(new Adam(1e-3f), new BinaryCrossentropy(true), new BinaryAccuracy());
    model.fit(data[0], data[1], FitOptions.defaults().batchSize(BATCH).epochs(1));

    // Stage 2: unfreeze the base and fine-tune everything with a very low learning rate. The base
    // still runs in inference mode (it was called with training = false), so its
    // BatchNormalization layers keep their statistics.
    base.setTrainable(true);
    model.summary();
    model.compile(new Adam(1e-5f), new BinaryCrossentropy(true), new BinaryAccuracy());
    model.fit(data[0], data[1], FitOptions.defaults().batchSize(BATCH).epochs(1));
  }

  /** Xception with ImageNet weights if they are cached (or {@code download}), else random. */
  static ApplicationModel base(boolean download) throws IOException {
    RemoteFile spec = Xception.weightSpec(false);
    boolean imagenet = download || PretrainedWeights.findCached(spec).isPresent();
    if (!imagenet) {
      System.out.println(
          "Notice: "
              + spec.fileName()
              + " is not in Keras's cache or graft's; the base keeps random weights. Run with"
              + " --download to fetch ImageNet's weights from "
              + spec.url());
    }
    return Xception.build(
        ApplicationOptions.defaults()
            .weights(imagenet ? "imagenet" : null)
            .includeTop(false)
            .inputShape(SIZE, SIZE, 3));
  }

  /** The guide's model around {@code base}. */
  static Model transferModel(ApplicationModel base) {
    KerasTensor inputs = Input.of(SIZE, SIZE, 3);
    // Pixels in [0, 255] to [-1, 1], as Xception expects.
    KerasTensor x = new Rescaling(1 / 127.5f, -1f).apply(inputs);
    // training = false: the base runs in inference mode, also after it is unfrozen.
    x = base.apply(x, false);
    x = new GlobalAveragePooling2D().apply(x);
    x = new Dropout(0.2f).apply(x);
    KerasTensor outputs = new Dense(1).apply(x);
    return new Model(inputs, outputs, "transfer_learning");
  }

  /** {@code n} Fashion-MNIST images of classes 0 (label 0) and 9 (label 1), 150x150x3, 0..255. */
  static Tensor[] data(int n) {
    LabeledImages pairs = Datasets.fashionMnist().train().ofClasses(0, 9);
    if (n > pairs.size()) {
      throw new IllegalArgumentException(
          "--images: at most " + pairs.size() + " images of the two classes, got " + n);
    }
    int[] first = new int[n];
    Arrays.setAll(first, i -> i);
    LabeledImages chosen = pairs.select(first);
    Tensor gray = chosen.images().reshape(n, 28, 28, 1);
    Tensor resized = ImageResize.resize(gray, SIZE, SIZE, Interpolation.BILINEAR);
    Tensor rgb = Ops.concat(3, resized, resized, resized);
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = chosen.label(i) == 9 ? 1f : 0f;
    }
    return new Tensor[] {rgb, Tensor.of(labels, n, 1)};
  }

  private static int positive(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("--images needs a number");
    }
    int n = Integer.parseInt(args[i]);
    if (n < 1) {
      throw new IllegalArgumentException("--images must be positive, got " + n);
    }
    return n;
  }
}
