package dev.graft.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.io.download.DownloadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real files where Debian's dataset-fashion-mnist package puts them. */
class FashionMnistTest {
  @TempDir Path emptyCache;

  @Test
  void loadsTheOfficialSplitWithBalancedClasses() {
    boolean present =
        Files.isRegularFile(
            DatasetSource.DEBIAN_FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"));
    if (!present) {
      System.err.println(
          "FashionMnistTest skipped: install Debian's dataset-fashion-mnist (.ci/run does)");
    }
    assumeTrue(present);
    // Offline, with an empty cache: Debian's files must pass the hash check, nothing is downloaded.
    DatasetSource debianOnly =
        new DatasetSource(
            DatasetSource.KERAS_BASE,
            emptyCache,
            DatasetSource.DEBIAN_FASHION_MNIST,
            DownloadOptions.defaults().withOffline(true));
    TrainTest data = debianOnly.fashionMnist(Datasets.FASHION_MNIST_FILES);
    assertArrayEquals(new int[] {60_000, 28, 28}, data.train().images().shape().dims());
    assertArrayEquals(new int[] {10_000, 28, 28}, data.test().images().shape().dims());
    // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
    int[] counts = new int[10];
    for (int i = 0; i < data.train().size(); i++) {
      counts[data.train().label(i)]++;
    }
    for (int c : counts) {
      assertEquals(6_000, c);
    }
    assertEquals(1_000, data.test().ofClasses(9).size());
  }
}
