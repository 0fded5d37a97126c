package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.datasets.Datasets;
import dev.graft.datasets.TrainTest;
import java.io.UncheckedIOException;

/** Fashion-MNIST for the tests, loaded once; skips the test with a notice when it is absent. */
final class FashionMnistOrSkip {
  private static TrainTest data;
  private static String missing;

  private FashionMnistOrSkip() {}

  static synchronized TrainTest get() {
    if (data == null && missing == null) {
      try {
        data = Datasets.fashionMnist();
      } catch (UncheckedIOException e) {
        missing = e.getMessage();
        System.err.println(
            "NOTICE: Fashion-MNIST not found, demo tests skipped (install dataset-fashion-mnist): "
                + missing);
      }
    }
    assumeTrue(data != null, "Fashion-MNIST not found: " + missing);
    return data;
  }
}
