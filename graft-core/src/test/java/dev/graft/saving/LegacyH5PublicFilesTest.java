package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.io.Npy;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.models.Sequential;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Legacy {@code .h5} files written by Keras 2.1.3 (TensorFlow backend) in DL4J's test resources
 * ({@code shared/golden/public/}, see its SOURCES.md), loaded topologically into models built in
 * Java with other layer names: weight names end in {@code :0}, names are fixed-length byte strings,
 * the layers are numbered {@code conv2d_1}, ... The outputs match what Keras recorded.
 */
class LegacyH5PublicFilesTest {
  private static final String DL4J = "public/dl4j-test-resources/";

  /** {@code weights/scripts/sepconv.py}: an all-ones input gives two rows of known sums. */
  @Test
  void separableConv2dFileGivesTheRecordedOutput() throws IOException {
    Path file = SharedGolden.require(DL4J + "weights/sepconv2d_tensorflow_2.h5");
    Sequential m =
        new Sequential("sep")
            .withInput(3, 4, 5)
            .add(new SeparableConv2D(SeparableConv2D.filters(6, 3).depthMultiplier(2).name("s")));
    LoadReport report = KerasWeights.load(m, file);
    assertEquals("legacy-h5", report.format());
    float[] ones = new float[3 * 4 * 5];
    Arrays.fill(ones, 1f);
    Tensor out = m.apply(Tensor.of(ones, 1, 3, 4, 5), false);
    assertArrayEquals(new int[] {1, 1, 2, 6}, out.shape().dims());
    float[] row = {112590, 116595, 120600, 124605, 128610, 132615};
    float[] expected = new float[12];
    System.arraycopy(row, 0, expected, 0, 6);
    System.arraycopy(row, 0, expected, 6, 6);
    assertArrayEquals(expected, out.toFloatArray(), 0f);
  }

  /** {@code fullconfigs/cnn}: a full-model file, its recorded predictions to 1e-5. */
  @Test
  void fullModelFileGivesTheRecordedPredictions() throws IOException {
    Path dir = SharedGolden.require(DL4J + "fullconfigs/cnn");
    Sequential m =
        new Sequential("cnn")
            .withInput(10, 10, 3)
            .add(new Conv2D(Conv2D.filters(1, 3).name("c1")))
            .add(new BatchNormalization(BatchNormalization.defaults().name("bn")))
            .add(new Activation("relu", "act"))
            .add(new Conv2D(Conv2D.filters(1, 3).name("c2")))
            .add(new Flatten("flat"))
            .add(new Dense(Dense.units(1).name("out")));
    LoadReport report = KerasWeights.load(m, dir.resolve("cnn_batch_norm.h5"));
    assertEquals(java.util.List.of("c1", "bn", "c2", "out"), report.loaded());
    Tensor out = m.apply(Npy.read(dir.resolve("input.npy")), false);
    float[] expected = Npy.read(dir.resolve("predictions.npy")).toFloatArray();
    float[] actual = out.toFloatArray();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= 1e-5,
          "prediction " + i + ": " + actual[i] + " vs Keras " + expected[i]);
    }
  }
}
