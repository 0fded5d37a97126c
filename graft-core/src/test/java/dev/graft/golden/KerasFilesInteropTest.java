package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.models.Model;
import dev.graft.saving.KerasArchive;
import dev.graft.saving.KerasWeights;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.H5Tools;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files graft writes, read by the reference HDF5 implementations: h5py and h5dump see the same
 * tree (groups, datasets, shapes, dtypes, the {@code name} attributes) and the same float32 values
 * in graft's {@code .weights.h5} as in the one Keras 3.15.1 wrote for the same model and weights,
 * and in the {@code model.weights.h5} inside graft's {@code .keras}. Skips when h5py or h5dump is
 * not installed.
 */
class KerasFilesInteropTest {

  private static Model withFormulaWeights(String folder) throws IOException {
    Model m = KerasFilesGoldenTest.build(folder);
    FormulaWeights.assign(m.weights(), FormulaWeights.manifest(SharedGolden.require(folder)));
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void h5pyReadsGraftWeightsAsKerasWrote(String folder, @TempDir Path tmp) throws IOException {
    Path dir = SharedGolden.require(folder);
    String python = H5Tools.requirePythonWithH5py();
    Path file = tmp.resolve("graft.weights.h5");
    KerasWeights.save(withFormulaWeights(folder), file);
    String keras = H5Tools.h5pyListing(python, dir.resolve("model.weights.h5").toString());
    assertTrue(keras.contains("D layers/"), keras);
    assertEquals(keras, H5Tools.h5pyListing(python, file.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void h5pyReadsTheWeightsInGraftArchiveAsKerasWrote(String folder, @TempDir Path tmp)
      throws IOException {
    Path dir = SharedGolden.require(folder);
    String python = H5Tools.requirePythonWithH5py();
    String config;
    try (KerasArchive a = KerasArchive.open(dir.resolve("model.keras"))) {
      config = a.configJson();
    }
    Path file = tmp.resolve("graft.keras");
    KerasArchive.save(file, config, withFormulaWeights(folder));
    assertEquals(
        H5Tools.h5pyListing(python, dir.resolve("model.keras") + "!model.weights.h5"),
        H5Tools.h5pyListing(python, file + "!model.weights.h5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void h5dumpSeesTheSameTreeAndValues(String folder, @TempDir Path tmp) throws IOException {
    Path dir = SharedGolden.require(folder);
    String h5dump = H5Tools.requireH5dump();
    Path file = tmp.resolve("graft.weights.h5");
    KerasWeights.save(withFormulaWeights(folder), file);
    String keras = H5Tools.h5dumpWithoutAttributes(h5dump, dir.resolve("model.weights.h5"));
    assertTrue(keras.contains("DATASET \"0\""), keras);
    assertEquals(keras, H5Tools.h5dumpWithoutAttributes(h5dump, file));
  }
}
