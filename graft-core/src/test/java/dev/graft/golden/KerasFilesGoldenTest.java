package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.Layer;
import dev.graft.models.Model;
import dev.graft.saving.KerasArchive;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.LoadOptions;
import dev.graft.saving.LoadReport;
import dev.graft.saving.h5.H5Reader;
import dev.graft.saving.h5.KerasLayerOrder;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras's own files for {@code small_functional} and {@code small_sequential} (written by Keras
 * 3.15.1): {@code model.weights.h5}, the legacy {@code model.h5} and the weights inside {@code
 * model.keras} load into the models built in Java (with other starting weights) and reproduce
 * {@code out_inference.npy} to 1e-5, and the loaded weights equal the README's formula; graft's own
 * {@code .weights.h5} and {@code .keras} read back identically.
 */
class KerasFilesGoldenTest {
  private static final double TOLERANCE = 1e-5;

  static Model build(String folder) {
    return folder.equals("small_functional")
        ? GoldenSmallModelsTest.smallFunctional(0.3f)
        : GoldenSmallModelsTest.smallSequential();
  }

  @ParameterizedTest
  @CsvSource({
    "small_functional, model.weights.h5",
    "small_functional, model.h5",
    "small_functional, model.keras",
    "small_sequential, model.weights.h5",
    "small_sequential, model.h5",
    "small_sequential, model.keras"
  })
  void kerasFilesReproduceTheInferenceOutput(String folder, String file) throws IOException {
    Path dir = SharedGolden.require(folder);
    Model m = build(folder);
    LoadReport report = KerasWeights.load(m, dir.resolve(file));
    assertTrue(report.skipped().isEmpty(), report.toString());
    assertTrue(report.unused().isEmpty(), report.toString());
    assertEquals(file.equals("model.h5") ? "legacy-h5" : "keras3", report.format());
    assertFormulaWeights(dir, m);
    Tensor out = m.apply(Npy.read(dir.resolve("input.npy")), false);
    check(folder + "/" + file, Npy.read(dir.resolve("out_inference.npy")), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void legacyFileLoadsByNameToo(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    Model m = build(folder);
    LoadReport report =
        KerasWeights.load(m, dir.resolve("model.h5"), LoadOptions.defaults().byName(true));
    assertTrue(report.skipped().isEmpty(), report.toString());
    assertFormulaWeights(dir, m);
  }

  /** Keras's {@code layer_names} in the legacy file is Keras's {@code model.layers} order. */
  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void kerasLayerOrderMatchesTheLegacyFile(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    List<String> expected;
    try (H5Reader r = H5Reader.open(dir.resolve("model.h5"))) {
      expected = r.strings("model_weights", "layer_names").orElseThrow();
    }
    List<String> actual = new ArrayList<>();
    for (Layer l : KerasLayerOrder.layers(build(folder))) {
      actual.add(l.name());
    }
    assertEquals(expected, actual);
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void graftWeightsFileReadsBackIdentically(String folder, @TempDir Path tmp) throws IOException {
    Path dir = SharedGolden.require(folder);
    Model source = build(folder);
    FormulaWeights.assign(source.weights(), FormulaWeights.manifest(dir));
    Path file = tmp.resolve("m.weights.h5");
    KerasWeights.save(source, file);
    Model copy = build(folder);
    KerasWeights.load(copy, file);
    assertSameWeights(source, copy);
    check(
        folder + " graft .weights.h5",
        Npy.read(dir.resolve("out_inference.npy")),
        copy.apply(Npy.read(dir.resolve("input.npy")), false));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void graftArchiveReadsBackWithItsConfig(String folder, @TempDir Path tmp) throws IOException {
    Path dir = SharedGolden.require(folder);
    String config;
    try (KerasArchive keras = KerasArchive.open(dir.resolve("model.keras"))) {
      config = keras.configJson();
      assertTrue(keras.metadataJson().orElseThrow().contains("\"keras_version\": \"3.15.1\""));
      assertTrue(keras.assets().isEmpty());
    }
    Model source = build(folder);
    FormulaWeights.assign(source.weights(), FormulaWeights.manifest(dir));
    Path file = tmp.resolve("m.keras");
    KerasArchive.save(file, config, source);
    Model copy = build(folder);
    try (KerasArchive a = KerasArchive.open(file)) {
      assertEquals(config, a.configJson());
      assertTrue(a.metadataJson().orElseThrow().contains("keras_version"));
      a.loadWeights(copy, LoadOptions.defaults());
    }
    assertSameWeights(source, copy);
    Model viaFacade = build(folder);
    KerasWeights.load(viaFacade, file);
    assertSameWeights(source, viaFacade);
  }

  /** The loaded values equal the README's formula (the legacy file too: same numbers). */
  private static void assertFormulaWeights(Path dir, Model m) throws IOException {
    List<FormulaWeights.Entry> manifest = FormulaWeights.manifest(dir);
    List<Variable> ws = m.weights();
    assertEquals(manifest.size(), ws.size());
    for (int i = 0; i < ws.size(); i++) {
      Tensor expected = FormulaWeights.initial(dir, manifest.get(i));
      assertArrayEquals(expected.toFloatArray(), ws.get(i).toFloatArray(), ws.get(i).name());
    }
  }

  static void assertSameWeights(Model a, Model b) {
    List<Variable> wa = a.weights();
    List<Variable> wb = b.weights();
    assertEquals(wa.size(), wb.size());
    for (int i = 0; i < wa.size(); i++) {
      assertArrayEquals(wa.get(i).shape().dims(), wb.get(i).shape().dims());
      assertArrayEquals(wa.get(i).toFloatArray(), wb.get(i).toFloatArray(), wa.get(i).name());
    }
    assertFalse(wa.isEmpty());
  }

  private static void check(String what, Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + " shape");
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    double max = 0;
    for (int i = 0; i < e.length; i++) {
      max = Math.max(max, Math.abs((double) e[i] - a[i]));
    }
    assertTrue(max <= TOLERANCE, what + ": max abs error " + max + " > " + TOLERANCE);
  }
}
