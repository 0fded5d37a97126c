package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.saving.h5.H5Writer;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy {@code .h5} loading on files the test writes in the legacy layout (the {@code layer_names}
 * / {@code weight_names} attributes, Keras 2 names with {@code :0}): topological and by-name
 * matching, {@code skipMismatch}, weight order by name, split attributes, and the errors.
 */
class LegacyH5WeightsTest {
  @TempDir Path tmp;

  /** A layer group of a legacy file: its weight names and values. */
  private record Saved(String name, List<String> weightNames, List<Tensor> values) {}

  /** Input(4) -> Dense(3) "d1" -> BatchNormalization "bn" -> Dense(2) "head". */
  private static Model model() {
    KerasTensor in = Input.named("x", 4);
    KerasTensor h = new Dense(Dense.units(3).name("d1")).apply(in);
    h = new BatchNormalization(BatchNormalization.defaults().name("bn")).apply(h);
    KerasTensor out = new Dense(Dense.units(2).name("head")).apply(h);
    return new Model(in, out, "m");
  }

  /** Distinct values: {@code offset + 0.01 i}. */
  private static Tensor values(float offset, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + 0.01f * i;
    }
    return Tensor.of(v, shape);
  }

  private static Saved dense(String name, float offset, int in, int out) {
    return new Saved(
        name,
        List.of(name + "/kernel:0", name + "/bias:0"),
        List.of(values(offset, in, out), values(offset + 1, out)));
  }

  private static Saved bn(String name, float offset, int n) {
    return new Saved(
        name,
        List.of(
            name + "/gamma:0",
            name + "/beta:0",
            name + "/moving_mean:0",
            name + "/moving_variance:0"),
        List.of(
            values(offset, n),
            values(offset + 1, n),
            values(offset + 2, n),
            values(offset + 3, n)));
  }

  /** Writes a legacy file: weights at the root, or under {@code model_weights}. */
  private Path write(String fileName, String base, List<Saved> layers, int chunks)
      throws IOException {
    Path file = tmp.resolve(fileName);
    try (H5Writer w = H5Writer.create(file)) {
      String[] names = layers.stream().map(Saved::name).toArray(String[]::new);
      if (chunks <= 1) {
        w.group(base).putAttribute("layer_names", names);
      } else {
        int per = (names.length + chunks - 1) / chunks;
        for (int c = 0; c * per < names.length; c++) {
          w.group(base)
              .putAttribute(
                  "layer_names" + c,
                  java.util.Arrays.copyOfRange(
                      names, c * per, Math.min(names.length, (c + 1) * per)));
        }
      }
      if (!base.isEmpty()) {
        w.attribute("", "model_config", "{\"class_name\": \"Functional\"}");
      }
      for (Saved s : layers) {
        String g = base.isEmpty() ? s.name() : base + "/" + s.name();
        w.group(g).putAttribute("weight_names", s.weightNames().toArray(new String[0]));
        for (int i = 0; i < s.weightNames().size(); i++) {
          String wn = s.weightNames().get(i);
          int slash = wn.lastIndexOf('/');
          Tensor t = s.values().get(i);
          w.dataset(
              g + "/" + wn.substring(0, slash),
              wn.substring(slash + 1),
              t.toFloatArray(),
              t.shape().dims());
        }
      }
    }
    return file;
  }

  private Path write(String fileName, List<Saved> layers) throws IOException {
    return write(fileName, "", layers, 1);
  }

  private static void assertWeights(Layer layer, Saved s) {
    for (int i = 0; i < s.values().size(); i++) {
      assertArrayEquals(
          s.values().get(i).toFloatArray(),
          layer.weights().get(i).toFloatArray(),
          layer.weights().get(i).name());
    }
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
  void topologicalLoadIgnoresNames() throws IOException {
    Saved d = dense("dense_7", 0.5f, 4, 3);
    Saved b = bn("batch_normalization_3", 2f, 3);
    Saved h = dense("dense_8", -1f, 3, 2);
    Path file = write("w.h5", List.of(d, b, h));
    Model m = model();
    LoadReport r = KerasWeights.load(m, file);
    assertEquals(List.of("d1", "bn", "head"), r.loaded());
    assertWeights(m.getLayer("d1"), d);
    assertWeights(m.getLayer("bn"), b);
    assertWeights(m.getLayer("head"), h);
  }

  @Test
  void fullModelFileWithSplitLayerNames() throws IOException {
    Saved d = dense("a", 0.5f, 4, 3);
    Saved b = bn("b", 2f, 3);
    Saved h = dense("c", -1f, 3, 2);
    Path file = write("full.h5", "model_weights", List.of(d, b, h), 2);
    Model m = model();
    KerasWeights.load(m, file);
    assertWeights(m.getLayer("d1"), d);
    assertWeights(m.getLayer("head"), h);
  }

  @Test
  void batchNormWeightsListedInAnotherOrderPairByName() throws IOException {
    Saved b = bn("bn", 2f, 3);
    List<Integer> order = List.of(2, 3, 0, 1);
    Saved shuffled =
        new Saved(
            "bn",
            order.stream().map(b.weightNames()::get).toList(),
            order.stream().map(b.values()::get).toList());
    Path file = write("w.h5", List.of(dense("d1", 0f, 4, 3), shuffled, dense("head", 0f, 3, 2)));
    Model m = model();
    KerasWeights.load(m, file);
    assertWeights(m.getLayer("bn"), b);
  }

  @Test
  void layerCountMismatchNamesBothLists() throws IOException {
    Path file = write("w.h5", List.of(dense("dense_1", 0f, 4, 3), bn("bn_1", 0f, 3)));
    Model m = model();
    List<float[]> before = snapshot(m);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KerasWeights.load(m, file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("[d1, bn, head]"), e.getMessage());
    assertTrue(e.getMessage().contains("[dense_1, bn_1]"), e.getMessage());
    assertUnchanged(before, m);
  }

  @Test
  void shapeMismatchFailsNamingLayerWeightAndShapes() throws IOException {
    Path file =
        write(
            "w.h5", List.of(dense("dense_1", 0f, 4, 3), bn("bn_1", 0f, 3), dense("out", 0f, 3, 5)));
    Model m = model();
    List<float[]> before = snapshot(m);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KerasWeights.load(m, file));
    String msg = e.getMessage();
    assertTrue(msg.contains(file.toString()), msg);
    assertTrue(msg.contains("layer 'head'") && msg.contains("'out/out/kernel:0'"), msg);
    assertTrue(msg.contains("(3, 2)") && msg.contains("(3, 5)"), msg);
    assertUnchanged(before, m);
  }

  @Test
  void skipMismatchSkipsOnlyTheMismatchedWeights() throws IOException {
    Saved d = dense("dense_1", 0.5f, 4, 3);
    Saved b = bn("bn_1", 2f, 3);
    Path file = write("w.h5", List.of(d, b, dense("out", 0f, 3, 5)));
    Model m = model();
    List<float[]> head = List.of(m.getLayer("head").weights().get(0).toFloatArray());
    LoadReport r = KerasWeights.load(m, file, LoadOptions.defaults().skipMismatch(true));
    assertEquals(List.of("d1", "bn"), r.loaded());
    assertEquals(2, r.skipped().size(), r.toString());
    assertTrue(r.skipped().get(0).reason().contains("(3, 5)"), r.toString());
    assertWeights(m.getLayer("d1"), d);
    assertWeights(m.getLayer("bn"), b);
    assertArrayEquals(head.get(0), m.getLayer("head").weights().get(0).toFloatArray());
  }

  @Test
  void byNameLoadsMatchingLayersAndLeavesTheRest() throws IOException {
    Saved d = dense("d1", 0.5f, 4, 3);
    Saved h = dense("head", -1f, 3, 2);
    Path file = write("w.h5", List.of(dense("elsewhere", 0f, 7, 7), h, d));
    Model m = model();
    float[] bnGamma = m.getLayer("bn").weights().get(0).toFloatArray();
    LoadReport r = KerasWeights.load(m, file, LoadOptions.defaults().byName(true));
    assertEquals(List.of("head", "d1"), r.loaded());
    assertEquals(List.of("elsewhere"), r.unused());
    assertEquals("bn", r.skipped().get(0).what());
    assertWeights(m.getLayer("d1"), d);
    assertWeights(m.getLayer("head"), h);
    assertArrayEquals(bnGamma, m.getLayer("bn").weights().get(0).toFloatArray());
  }

  @Test
  void byNameWeightCountMismatchFailsOrSkips() throws IOException {
    Saved twoWeights = dense("bn", 0f, 3, 3);
    Path file = write("w.h5", List.of(dense("d1", 0.5f, 4, 3), twoWeights));
    Model m = model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KerasWeights.load(m, file, LoadOptions.defaults().byName(true)));
    assertTrue(e.getMessage().contains("layer 'bn'") && e.getMessage().contains("has 4 weights"));
    LoadReport r =
        KerasWeights.load(m, file, LoadOptions.defaults().byName(true).skipMismatch(true));
    assertEquals(List.of("d1"), r.loaded());
    assertTrue(r.skipped().stream().anyMatch(s -> s.what().equals("bn")), r.toString());
  }

  @Test
  void missingDatasetIsReported() throws IOException {
    Saved broken =
        new Saved(
            "dense_1",
            List.of("dense_1/kernel:0", "dense_1/bias:0"),
            List.of(values(0f, 4, 3), values(0f, 3)));
    Path file = write("w.h5", List.of(broken, bn("b", 0f, 3), dense("c", 0f, 3, 2)));
    // The same names, but the datasets of the first layer under another group.
    Path renamed = tmp.resolve("renamed.h5");
    try (H5Writer w = H5Writer.create(renamed)) {
      w.group("").putAttribute("layer_names", new String[] {"dense_1", "b", "c"});
      w.group("dense_1").putAttribute("weight_names", new String[] {"x/kernel:0", "x/bias:0"});
      w.dataset("dense_1/y", "kernel:0", values(0f, 4, 3).toFloatArray(), new int[] {4, 3});
      w.dataset("dense_1/y", "bias:0", values(0f, 3).toFloatArray(), new int[] {3});
      for (Saved s : List.of(bn("b", 0f, 3), dense("c", 0f, 3, 2))) {
        w.group(s.name()).putAttribute("weight_names", s.weightNames().toArray(new String[0]));
        for (int i = 0; i < s.values().size(); i++) {
          String wn = s.weightNames().get(i);
          w.dataset(
              s.name() + "/" + wn.substring(0, wn.lastIndexOf('/')),
              wn.substring(wn.lastIndexOf('/') + 1),
              s.values().get(i).toFloatArray(),
              s.values().get(i).shape().dims());
        }
      }
    }
    KerasWeights.load(model(), file);
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> KerasWeights.load(model(), renamed));
    assertTrue(e.getMessage().contains(renamed.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'dense_1/x/kernel:0'"), e.getMessage());
  }
}
