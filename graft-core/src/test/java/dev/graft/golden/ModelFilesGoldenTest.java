package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.MobileNetV2;
import dev.graft.io.Npy;
import dev.graft.models.Model;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.ModelFiles;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole models from Keras's files ({@code keras.models.load_model}): architecture from the config,
 * weights from the file, outputs equal to Keras's; graft's own {@code .keras} reads back equal.
 * Tolerances: relative to each tensor's largest magnitude, 1e-5 for the small models and 1e-4 for
 * MobileNetV2 (float32 sums in another order through ~50 layers).
 */
class ModelFilesGoldenTest {
  @ParameterizedTest
  @CsvSource({
    "small_functional, model.keras, 1e-5",
    "small_functional, model.h5, 1e-5",
    "small_sequential, model.keras, 1e-5",
    "small_sequential, model.h5, 1e-5",
    "mobilenetv2_035_96, model.keras, 1e-4",
    "mobilenetv2_035_96, model.h5, 1e-4"
  })
  void loadedModelsReproduceKerasOutputs(String folder, String file, double tol, @TempDir Path tmp)
      throws IOException {
    Path dir = SharedGolden.require(folder);
    Model model = ModelFiles.load(dir.resolve(file));
    Tensor input = Npy.read(dir.resolve("input.npy"));
    check(
        folder + "/" + file,
        Npy.read(dir.resolve("out_inference.npy")),
        model.apply(input, false),
        tol);
    if (folder.startsWith("mobilenet")) {
      check(
          folder + "/" + file + " training",
          Npy.read(dir.resolve("out_training.npy")),
          model.apply(input, true),
          tol);
    }
    Path copy = tmp.resolve("copy.keras");
    ModelFiles.save(model, copy);
    Model again = ModelFiles.load(copy);
    assertArrayEquals(
        model.apply(input, false).toFloatArray(),
        again.apply(input, false).toFloatArray(),
        "graft's .keras reads back to the same outputs");
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(copy), files.toList(), "no temporary file left behind");
    }
  }

  /** The architecture built in Java with the weights from Keras's file gives Keras's outputs. */
  @ParameterizedTest
  @CsvSource({"model.weights.h5", "model.h5", "model.keras"})
  void mobileNetV2BuiltInJavaLoadsKerasWeights(String file) throws IOException {
    Path dir = SharedGolden.require("mobilenetv2_035_96");
    Model model =
        MobileNetV2.build(
            0.35,
            ApplicationOptions.defaults()
                .includeTop(false)
                .weights((String) null)
                .inputShape(96, 96, 3));
    KerasWeights.load(model, dir.resolve(file));
    Tensor input = Npy.read(dir.resolve("input.npy"));
    check(
        "MobileNetV2 + " + file,
        Npy.read(dir.resolve("out_inference.npy")),
        model.apply(input, false),
        1e-4);
  }

  @Test
  void weightsOnlyFilesAreNotModels() {
    Path dir = SharedGolden.require("small_functional");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelFiles.load(dir.resolve("model.weights.h5")));
    assertTrue(e.getMessage().contains("weights only"), e.getMessage());
  }

  private static void check(String what, Tensor expected, Tensor actual, double tol) {
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + " shape");
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    double largest = 0;
    double max = 0;
    for (int i = 0; i < e.length; i++) {
      largest = Math.max(largest, Math.abs(e[i]));
      max = Math.max(max, Math.abs((double) e[i] - a[i]));
    }
    assertTrue(
        max <= tol * largest, what + ": max abs error " + max + " > " + tol + " * " + largest);
  }
}
