package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.saving.h5.H5Reader;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad Keras 3 weights files: truncated, corrupted, not HDF5, of another architecture. Each fails
 * with a message naming the file (and the layer, the expected and found shapes), leaves the model
 * as it was, and never hangs; and the nested-model layout follows Keras's paths.
 */
class KerasWeightsRobustnessTest {
  @TempDir Path tmp;

  /** Input(4) -> Dense(units) "d1" -> BatchNormalization "bn" -> Dense(2) "head". */
  private static Model model(int units) {
    return model(units, 2);
  }

  private static Model model(int units, int headUnits) {
    KerasTensor in = Input.named("x", 4);
    KerasTensor h = new Dense(Dense.units(units).name("d1")).apply(in);
    h = new BatchNormalization(BatchNormalization.defaults().name("bn")).apply(h);
    return new Model(in, new Dense(Dense.units(headUnits).name("head")).apply(h), "m");
  }

  private Path saved(Model m) throws IOException {
    Path file = tmp.resolve("m.weights.h5");
    KerasWeights.save(m, file);
    return file;
  }

  private static List<float[]> snapshot(Model m) {
    List<float[]> out = new ArrayList<>();
    for (Tensor t : m.getWeights()) {
      out.add(t.toFloatArray());
    }
    return out;
  }

  private static void assertUnchanged(List<float[]> before, Model m) {
    List<float[]> after = snapshot(m);
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), "a failed load changed weight " + i);
    }
  }

  @Test
  void truncatedFilesFailNamingTheFile() throws IOException {
    byte[] whole = Files.readAllBytes(saved(model(3)));
    Path cut = tmp.resolve("cut.weights.h5");
    for (int length : new int[] {0, 5, 8, 40, 100, 500, whole.length / 2, whole.length - 1}) {
      Files.write(cut, java.util.Arrays.copyOf(whole, length));
      Model m = model(3);
      List<float[]> before = snapshot(m);
      WeightsFileException e =
          assertThrows(WeightsFileException.class, () -> KerasWeights.load(m, cut), "" + length);
      assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
      assertUnchanged(before, m);
    }
  }

  @Test
  void truncationIsReportedAsSuch() throws IOException {
    byte[] whole = Files.readAllBytes(saved(model(3)));
    Path cut = tmp.resolve("cut.weights.h5");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> KerasWeights.load(model(3), cut));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  /** Any damaged byte gives a clear error or, in data bytes HDF5 does not check, other values. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against hangs, not a timing check
  void corruptedBytesNeverEscapeAsOtherErrors() throws IOException {
    byte[] whole = Files.readAllBytes(saved(model(3)));
    Path bad = tmp.resolve("bad.weights.h5");
    Random random = new Random(42);
    int failures = 0;
    for (int trial = 0; trial < 300; trial++) {
      byte[] copy = whole.clone();
      int at = random.nextInt(copy.length);
      copy[at] = (byte) (copy[at] ^ (1 + random.nextInt(255)));
      Files.write(bad, copy);
      try {
        KerasWeights.load(model(3), bad);
      } catch (WeightsFileException | IllegalArgumentException e) {
        assertTrue(e.getMessage().contains(bad.toString()), "byte " + at + ": " + e.getMessage());
        failures++;
      }
    }
    assertTrue(failures > 30, "only " + failures + " of 300 corruptions were detected");
  }

  @Test
  void notHdf5FailsClearly() throws IOException {
    Path text = tmp.resolve("notes.weights.h5");
    Files.writeString(text, "these are not weights\n", StandardCharsets.UTF_8);
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> KerasWeights.load(model(3), text));
    assertTrue(e.getMessage().contains(text + ": not an HDF5 file"), e.getMessage());
  }

  @Test
  void wrongShapeNamesFileLayerAndBothShapes() throws IOException {
    Path file = saved(model(3));
    Model other = model(5);
    List<float[]> before = snapshot(other);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KerasWeights.load(other, file));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(file.toString()), msg);
    assertTrue(msg.contains("layer 'd1' (Dense, at 'layers/dense')"), msg);
    assertTrue(msg.contains("(4, 5)") && msg.contains("(4, 3)"), msg);
    assertUnchanged(before, other);
  }

  @Test
  void skipMismatchLoadsTheOtherLayers() throws IOException {
    Model source = model(3);
    Path file = saved(source);
    Model other = model(3, 5);
    float[] head = other.getLayer("head").weights().get(0).toFloatArray();
    LoadReport r = KerasWeights.load(other, file, LoadOptions.defaults().skipMismatch(true));
    assertEquals(List.of("d1", "bn"), r.loaded());
    assertEquals(1, r.skipped().size(), r.toString());
    assertTrue(r.skipped().get(0).reason().contains("(3, 5)"), r.toString());
    for (String layer : List.of("d1", "bn")) {
      for (int i = 0; i < source.getLayer(layer).weights().size(); i++) {
        assertArrayEquals(
            source.getLayer(layer).weights().get(i).toFloatArray(),
            other.getLayer(layer).weights().get(i).toFloatArray());
      }
    }
    assertArrayEquals(head, other.getLayer("head").weights().get(0).toFloatArray());
  }

  @Test
  void missingLayerIsNamed() throws IOException {
    Sequential small = new Sequential("s").withInput(4).add(new Dense(Dense.units(2).name("a")));
    Path file = tmp.resolve("s.weights.h5");
    KerasWeights.save(small, file);
    Sequential bigger =
        new Sequential("s")
            .withInput(4)
            .add(new Dense(Dense.units(2).name("a")))
            .add(new Dense(Dense.units(2).name("b")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KerasWeights.load(bigger, file));
    assertTrue(e.getMessage().contains("layer 'b'"), e.getMessage());
    assertTrue(e.getMessage().contains("no group 'layers/dense_1/vars'"), e.getMessage());
    // The other way round the extra group is reported, as Keras ignores it.
    KerasWeights.save(bigger, file);
    LoadReport r = KerasWeights.load(small, file);
    assertEquals(List.of("layers/dense_1"), r.unused());
  }

  @Test
  void byNameIsRefusedForTheKeras3Layout() throws IOException {
    Path file = saved(model(3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KerasWeights.load(model(3), file, LoadOptions.defaults().byName(true)));
    assertTrue(e.getMessage().contains("legacy .h5 files only"), e.getMessage());
  }

  @Test
  void extensionsAreChecked() throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () -> KerasWeights.save(model(3), tmp.resolve("m.h5")),
        "graft writes no legacy .h5");
    assertThrows(
        IllegalArgumentException.class, () -> KerasWeights.load(model(3), tmp.resolve("m.graftw")));
  }

  @Test
  void failedSaveKeepsThePreviousFile() throws IOException {
    Path file = saved(model(3));
    byte[] before = Files.readAllBytes(file);
    Sequential unbuilt = new Sequential("u").add(new Dense(Dense.units(2)));
    assertThrows(IllegalStateException.class, () -> KerasWeights.save(unbuilt, file));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  /**
   * Nested models follow Keras's paths: class names in snake case, numbered per list, a
   * Sequential's list without its input layer, the outer functional's with its.
   */
  @Test
  void nestedModelsUseKerasPaths() throws IOException {
    Sequential inner =
        new Sequential("inner_seq")
            .withInput(4)
            .add(new Dense(Dense.units(3).name("s1")))
            .add(new Dense(Dense.units(3).name("s2")));
    KerasTensor fin = Input.named("fin", 3);
    Model innerFn =
        new Model(fin, new Dense(Dense.units(2).name("f1")).apply(fin), "inner_functional");
    KerasTensor in = Input.named("x", 4);
    KerasTensor out = innerFn.apply(inner.apply(in));
    out = new Dense(Dense.units(1).name("top")).apply(out);
    Model outer = new Model(in, out, "outer");
    Path file = tmp.resolve("nested.weights.h5");
    KerasWeights.save(outer, file);
    try (H5Reader r = H5Reader.open(file)) {
      assertEquals(
          List.of("dense", "functional", "input_layer", "sequential"), r.children("layers"));
      assertEquals(List.of("dense", "dense_1"), r.children("layers/sequential/layers"));
      assertEquals(List.of("dense", "input_layer"), r.children("layers/functional/layers"));
      assertEquals(List.of("0", "1"), r.children("layers/sequential/layers/dense_1/vars"));
      assertEquals("s2", r.string("layers/sequential/layers/dense_1/vars", "name").orElseThrow());
      assertEquals("inner_functional", r.string("layers/functional/vars", "name").orElseThrow());
      assertEquals("outer", r.string("vars", "name").orElseThrow());
    }
    Model copy = nestedCopy();
    KerasWeights.load(copy, file);
    List<float[]> a = snapshot(outer);
    List<float[]> b = snapshot(copy);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
  }

  private static Model nestedCopy() {
    Sequential inner =
        new Sequential("q")
            .withInput(4)
            .add(new Dense(Dense.units(3).name("q1")))
            .add(new Dense(Dense.units(3).name("q2")));
    KerasTensor fin = Input.named("g", 3);
    Model innerFn = new Model(fin, new Dense(Dense.units(2).name("g1")).apply(fin), "g");
    KerasTensor in = Input.named("y", 4);
    KerasTensor out = new Dense(Dense.units(1).name("t")).apply(innerFn.apply(inner.apply(in)));
    return new Model(in, out, "copy");
  }
}
