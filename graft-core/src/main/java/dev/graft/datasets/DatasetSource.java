package dev.graft.datasets;

import dev.graft.io.download.DownloadException;
import dev.graft.io.download.DownloadOptions;
import dev.graft.io.download.Downloader;
import dev.graft.io.download.RemoteFile;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the built-in data sets come from: the server, graft's cache folder, and a folder where a
 * system package may have installed the files. {@link Datasets} uses Keras's server, {@link
 * GraftHome#datasets()} and Debian's folder; tests point all three at temporary places.
 */
final class DatasetSource {
  /** Where Keras's {@code load_data()} functions download from. */
  static final URI KERAS_BASE =
      URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/");

  static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private final URI base;
  private final Path root;
  private final Path debianFashionMnist;
  private final DownloadOptions options;

  /**
   * @param base the server folder holding the files
   * @param root the cache folder; each data set gets a sub-folder
   * @param debianFashionMnist where Debian's {@code dataset-fashion-mnist} puts its files, or null
   * @param options offline switch, timeouts, progress output
   */
  DatasetSource(URI base, Path root, Path debianFashionMnist, DownloadOptions options) {
    this.base = base;
    this.root = root;
    this.debianFashionMnist = debianFashionMnist;
    this.options = options;
  }

  static DatasetSource defaults() {
    return new DatasetSource(
        KERAS_BASE, GraftHome.datasets(), DEBIAN_FASHION_MNIST, DownloadOptions.defaults());
  }

  /** Fashion-MNIST from four IDX files: train images, train labels, test images, test labels. */
  TrainTest fashionMnist(List<DatasetFile> files) {
    try {
      Tensor[] t = new Tensor[files.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = Idx.read(locate("fashion-mnist", debianFashionMnist, files.get(i)));
      }
      return new TrainTest(new LabeledImages(t[0], t[1]), new LabeledImages(t[2], t[3]));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** MNIST from Keras's {@code mnist.npz}. */
  TrainTest mnist(DatasetFile npz) {
    try {
      Path file = locate("mnist", null, npz);
      Map<String, Tensor> a = Npz.read(file, "x_train", "y_train", "x_test", "y_test");
      return new TrainTest(
          new LabeledImages(a.get("x_train"), a.get("y_train")),
          new LabeledImages(a.get("x_test"), a.get("y_test")));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** The cached file, else a system package's copy with a known hash, else a fresh download. */
  private Path locate(String dataset, Path packageDir, DatasetFile file) throws IOException {
    Downloader downloader = new Downloader(root.resolve(dataset), options);
    RemoteFile remote = file.at(base);
    if (packageDir != null && !Files.isRegularFile(downloader.cachedPath(remote))) {
      Path installed = packageDir.resolve(file.name());
      if (Files.isRegularFile(installed)) {
        if (Downloader.hasExpectedHash(installed, remote)) {
          return installed;
        }
        warn(installed + " does not have the expected SHA-256; ignoring it");
      }
    }
    try {
      return downloader.fetch(remote);
    } catch (DownloadException e) {
      if (packageDir == null) {
        throw e;
      }
      throw new DownloadException(
          e.getMessage() + " (or install Debian's dataset-" + dataset + " package)", e);
    }
  }

  private void warn(String message) {
    PrintStream out = options.progress();
    if (out != null) {
      out.println("Warning: " + message);
    }
  }
}
