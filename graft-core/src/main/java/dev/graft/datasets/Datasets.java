package dev.graft.datasets;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Built-in data sets, as {@code keras.datasets.*.load_data()}.
 *
 * <p>Each file is looked for in graft's cache ({@code $GRAFT_HOME/datasets/<name>/}, default {@code
 * ~/.graft}), then where a Debian package installs it, and is otherwise downloaded from Keras's
 * server into the cache. Every file's SHA-256 is checked. With {@code GRAFT_OFFLINE=1} (or {@code
 * -Dgraft.offline=true}) nothing is downloaded and a missing file is an error naming the folder to
 * put it in.
 */
public final class Datasets {
  /** Fashion-MNIST's class names, by label. */
  public static final List<String> FASHION_MNIST_CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /**
   * The SHA-256 of each Fashion-MNIST file Keras downloads (its {@code fashion_mnist.py} publishes
   * them), then of Debian's copy: {@code dataset-fashion-mnist} ships the same IDX data
   * recompressed (a gzip header without the file name), so its bytes and hashes differ.
   */
  static final List<DatasetFile> FASHION_MNIST_FILES =
      List.of(
          new DatasetFile(
              "train-images-idx3-ubyte.gz",
              "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
              List.of("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7")),
          new DatasetFile(
              "train-labels-idx1-ubyte.gz",
              "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
              List.of("0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056")),
          new DatasetFile(
              "t10k-images-idx3-ubyte.gz",
              "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
              List.of("cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa")),
          new DatasetFile(
              "t10k-labels-idx1-ubyte.gz",
              "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
              List.of("8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")));

  /** Keras's {@code mnist.npz} and the SHA-256 its {@code mnist.py} publishes. */
  static final DatasetFile MNIST_FILE =
      new DatasetFile(
          "mnist.npz", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1");

  private Datasets() {}

  /**
   * Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 pixels, ten classes ({@link
   * #FASHION_MNIST_CLASSES}), as {@code keras.datasets.fashion_mnist.load_data()}.
   *
   * <p>Each of the four files comes from graft's cache ({@code
   * GraftHome.datasets()/fashion-mnist/}), else from Debian's {@code dataset-fashion-mnist} package
   * ({@code /usr/share/datasets/fashion-mnist/}), else it is downloaded from Keras's server into
   * the cache; every file's SHA-256 is checked.
   *
   * @throws UncheckedIOException if a file cannot be found or downloaded, or has the wrong hash;
   *     the message says where to put it
   */
  public static TrainTest fashionMnist() {
    return DatasetSource.defaults().fashionMnist(FASHION_MNIST_FILES);
  }

  /**
   * MNIST: 60,000 training and 10,000 test images of handwritten digits, 28x28 pixels, labels 0 to
   * 9, as {@code keras.datasets.mnist.load_data()}.
   *
   * <p>Keras's {@code mnist.npz} comes from graft's cache ({@code GraftHome.datasets()/mnist/}),
   * else it is downloaded from Keras's server into the cache; its SHA-256 is checked.
   *
   * @throws UncheckedIOException if the file cannot be found or downloaded, or has the wrong hash;
   *     the message says where to put it
   */
  public static TrainTest mnist() {
    return DatasetSource.defaults().mnist(MNIST_FILE);
  }
}
