package dev.graft.datasets;

import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Built-in data sets, as {@code keras.datasets.*.load_data()}.
 *
 * <p>Each file is looked for in graft's cache ({@code $GRAFT_HOME/datasets/<name>/}, default {@code
 * ~/.graft}), then where Debian's {@code dataset-fashion-mnist} package installs it.
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

  private static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private Datasets() {}

  /**
   * Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 pixels, ten classes ({@link
   * #FASHION_MNIST_CLASSES}).
   *
   * @throws UncheckedIOException if a file is missing or unreadable; the message says where to put
   *     it
   */
  public static TrainTest fashionMnist() {
    return loadIdx(
        "fashion-mnist",
        List.of(DEBIAN_FASHION_MNIST),
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz");
  }

  private static TrainTest loadIdx(String name, List<Path> extraDirs, String... files) {
    try {
      Tensor[] t = new Tensor[files.length];
      for (int i = 0; i < files.length; i++) {
        t[i] = Idx.read(locate(name, extraDirs, files[i]));
      }
      return new TrainTest(new LabeledImages(t[0], t[1]), new LabeledImages(t[2], t[3]));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private static Path locate(String name, List<Path> extraDirs, String file) throws IOException {
    Path cached = GraftHome.datasets().resolve(name).resolve(file);
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    for (Path dir : extraDirs) {
      if (Files.isRegularFile(dir.resolve(file))) {
        return dir.resolve(file);
      }
    }
    throw new IOException(
        name
            + ": "
            + file
            + " not found; put it in "
            + cached.getParent()
            + (extraDirs.isEmpty() ? "" : " or install Debian's dataset-" + name + " package"));
  }
}
