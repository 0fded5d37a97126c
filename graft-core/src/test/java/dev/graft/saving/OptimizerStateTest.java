package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graft.autodiff.Variable;
import dev.graft.layers.core.Dense;
import dev.graft.layers.merging.Add;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.Huber;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.metrics.BinaryAccuracy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Adagrad;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.AdamW;
import dev.graft.optimizers.Optimizer;
import dev.graft.optimizers.RmsProp;
import dev.graft.optimizers.Sgd;
import dev.graft.optimizers.schedules.ExponentialDecay;
import dev.graft.saving.config.CompileConfigs;
import dev.graft.saving.config.CompileSettings;
import dev.graft.saving.config.ModelConfigs;
import dev.graft.tensor.Tensor;
import dev.graft.testing.H5Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A compiled model's {@code .keras} file carries its compile_config and its optimizer's state, so
 * training continues from the file exactly as it would have without the save.
 */
class OptimizerStateTest {
  @TempDir Path tmp;

  private static final Tensor X =
      Tensor.of(
          new float[] {
            0.5f, -1f, 2f, 0.1f, 1.5f, 0.3f, -0.7f, 0.9f, -0.2f, 0.8f, 1.1f, -1.3f, 0.4f, 0.6f,
            -0.9f, 1.2f, 2.2f, -0.4f, 0.05f, -1.6f
          },
          5,
          4);
  private static final Tensor Y = Tensor.of(new float[] {0, 1, 1, 0, 1}, 5);

  /**
   * A branching graph whose Keras layer order differs from the call order: {@code shortcut} is
   * called before {@code a}, but Keras lists layers by depth (input, a, bn, b, shortcut, add,
   * head), so its variables come after {@code b}'s. {@code a} is frozen and BatchNormalization has
   * non-trainable statistics: neither is in the optimizer.
   */
  private static Model model() {
    KerasTensor in = Input.of(4);
    KerasTensor s = new Dense(Dense.units(3).name("shortcut")).apply(in);
    Dense a = new Dense(Dense.units(3).name("a"));
    KerasTensor x = a.apply(in);
    x = new BatchNormalization(BatchNormalization.defaults().name("bn")).apply(x);
    x = new Dense(Dense.units(3).name("b")).apply(x);
    KerasTensor y = new Add("add").applySymbolic(List.of(x, s), null).get(0);
    Model m = new Model(in, new Dense(Dense.units(2).name("head")).apply(y), "branchy");
    a.setTrainable(false);
    return m;
  }

  private static Model trained(Optimizer opt, int steps) {
    Model m = model();
    m.compile(opt, new SparseCategoricalCrossentropy(true), "accuracy");
    for (int i = 0; i < steps; i++) {
      m.trainOnBatch(X, Y);
    }
    return m;
  }

  static Stream<Arguments> optimizers() {
    List<Supplier<Optimizer>> all =
        List.of(
            () -> new Adam(0.01f),
            () -> Adam.builder().learningRate(0.02f).amsgrad(true).clipnorm(1f).build(),
            () -> AdamW.builder().learningRate(0.01f).weightDecay(0.05f).build(),
            () -> Sgd.builder().learningRate(0.1f).momentum(0.9f).nesterov(true).build(),
            () -> RmsProp.builder().learningRate(0.01f).momentum(0.5f).centered(true).build(),
            () -> Adagrad.builder().learningRate(0.1f).initialAccumulatorValue(0.2f).build(),
            () -> Adam.builder().learningRate(new ExponentialDecay(0.05f, 2, 0.5f, false)).build());
    return all.stream().map(s -> Arguments.of(s.get().name(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void trainingContinuesFromTheFileAsWithoutTheSave(String name, Supplier<Optimizer> opt)
      throws IOException {
    Model original = trained(opt.get(), 3);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(original, file);
    LoadedModel loaded = ModelFiles.loadWithReport(file);
    Model copy = loaded.model();
    assertTrue(loaded.report().notes().isEmpty(), loaded.report().notes().toString());
    assertTrue(copy.trainer().isCompiled(), "the file's compile_config compiles the copy");
    Optimizer a = original.trainer().optimizer();
    Optimizer b = copy.trainer().optimizer();
    assertEquals(a.getClass(), b.getClass());
    assertEquals(3, b.iterations());
    assertEquals(a.learningRate(), b.learningRate());
    assertEquals(List.of("accuracy"), metricNames(copy));
    for (List<String> group : a.kerasSlotOrder()) {
      for (String slot : group) {
        List<Variable> wa = original.trainableWeights();
        List<Variable> wb = copy.trainableWeights();
        for (int i = 0; i < wa.size(); i++) {
          float[] sa = a.existingSlot(wa.get(i), slot).orElseThrow().toFloatArray();
          float[] sb = b.existingSlot(wb.get(i), slot).orElseThrow().toFloatArray();
          assertArrayEquals(sa, sb, 0f, slot + " of " + wa.get(i).name());
        }
      }
    }
    // The independent expectation: the original, trained one step further.
    original.trainOnBatch(X, Y);
    copy.trainOnBatch(X, Y);
    assertWeightsEqual(original, copy);
  }

  /** The check above can fail: a fresh optimizer after the load ends elsewhere. */
  @Test
  void aFreshAdamAfterTheLoadDoesNotContinueTheSame() throws IOException {
    Model original = trained(new Adam(0.01f), 3);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(original, file);
    Model copy = ModelFiles.load(file);
    copy.compile(new Adam(0.01f), new SparseCategoricalCrossentropy(true));
    original.trainOnBatch(X, Y);
    copy.trainOnBatch(X, Y);
    assertNotEquals(
        List.of(original.getLayer("head").weights().get(0).toFloatArray()[0]),
        List.of(copy.getLayer("head").weights().get(0).toFloatArray()[0]));
  }

  private static List<String> metricNames(Model m) {
    List<String> out = new ArrayList<>();
    m.trainer().metrics().forEach(x -> out.add(x.name()));
    return out;
  }

  private static void assertWeightsEqual(Model a, Model b) {
    List<Variable> wa = a.weights();
    List<Variable> wb = b.weights();
    assertEquals(wa.size(), wb.size());
    for (int i = 0; i < wa.size(); i++) {
      assertArrayEquals(wa.get(i).toFloatArray(), wb.get(i).toFloatArray(), 0f, wa.get(i).name());
    }
  }

  @Test
  void anOptimizerBeforeItsFirstStepSavesIterationAndLearningRateOnly() throws IOException {
    Model m = trained(new Adam(0.003f), 0);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    try (KerasArchive a = KerasArchive.open(file);
        var r = a.openWeights()) {
      assertEquals(List.of("0", "1"), sorted(r.children("optimizer/vars")));
    }
    Model copy = ModelFiles.load(file);
    assertTrue(copy.trainer().isCompiled());
    assertEquals(0, copy.trainer().optimizer().iterations());
    assertEquals(0.003f, copy.trainer().optimizer().learningRate());
    assertFalse(copy.trainer().optimizer().isBuilt());
  }

  @Test
  void anUncompiledModelSavesAnEmptyCompileConfigAndNoOptimizer() throws IOException {
    Model m = model();
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    try (KerasArchive a = KerasArchive.open(file);
        var r = a.openWeights()) {
      assertTrue(a.configJson().contains("\"compile_config\":{}"), a.configJson());
      assertFalse(r.isGroup("optimizer"));
    }
    LoadedModel copy = ModelFiles.loadWithReport(file);
    assertFalse(copy.model().trainer().isCompiled());
    assertTrue(copy.report().notes().isEmpty());
  }

  @Test
  void aLossWithoutKerasConfigSavesTheModelUncompiled() throws IOException {
    Model m = model();
    m.compile(new Adam(0.01f), new Huber());
    m.trainOnBatch(X, Tensor.of(new float[10], 5, 2));
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    Model copy = ModelFiles.load(file);
    assertWeightsEqual(m, copy);
  }

  // ---- the Keras layout, read with h5py ----

  /**
   * Keras 3 facts (keras/src/optimizers/base_optimizer.py: {@code __init__} tracks {@code
   * iteration} (dtype "int", int64 under TensorFlow) then {@code learning_rate} (float32) before
   * any slot; {@code save_own_variables} writes {@code optimizer.variables} as datasets "0", "1",
   * ...; keras/src/optimizers/adam.py: {@code build} calls {@code add_optimizer_variables(var_list,
   * ["momentum", "velocity"])}, which interleaves the two per variable; saving_lib._save_state puts
   * them in the group {@code optimizer/vars} with attribute name). The variables are {@code
   * model.trainable_variables}: layers in Keras's order (input, a, bn, b, shortcut, add, head), the
   * frozen {@code a} and BN's moving statistics left out.
   */
  @Test
  void adamStateHasKerasLayoutAsH5pyReadsIt() throws IOException {
    String python = H5Tools.requirePythonWithH5py();
    Model m = trained(new Adam(0.01f), 3);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    Map<String, String> datasets = new LinkedHashMap<>();
    String group = null;
    for (String line : H5Tools.h5pyListing(python, file + "!model.weights.h5").split("\n")) {
      if (line.startsWith("D optimizer/vars/")) {
        String[] parts = line.split(" ");
        String shapeAndType = line.substring(line.indexOf(' ', 2) + 1, line.indexOf(" [", 2));
        datasets.put(parts[1].substring("optimizer/vars/".length()), shapeAndType);
      } else if (line.startsWith("G optimizer/vars ")) {
        group = line;
      }
    }
    assertEquals("G optimizer/vars [('name', 'adam')]", group);
    String[] expected = {
      "() int64", // iteration
      "() float32", // learning_rate
      "(3,) float32",
      "(3,) float32", // bn gamma: momentum, velocity
      "(3,) float32",
      "(3,) float32", // bn beta
      "(3, 3) float32",
      "(3, 3) float32", // b kernel
      "(3,) float32",
      "(3,) float32", // b bias
      "(4, 3) float32",
      "(4, 3) float32", // shortcut kernel
      "(3,) float32",
      "(3,) float32", // shortcut bias
      "(3, 2) float32",
      "(3, 2) float32", // head kernel
      "(2,) float32",
      "(2,) float32", // head bias
    };
    assertEquals(expected.length, datasets.size(), datasets.toString());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], datasets.get(Integer.toString(i)), "optimizer/vars/" + i);
    }
  }

  @Test
  void iterationAndMomentumValuesAsH5pyReadsThem() throws IOException {
    String python = H5Tools.requirePythonWithH5py();
    Model m = trained(new Adam(0.01f), 3);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    String script =
        "import io, sys, zipfile, h5py\n"
            + "z = zipfile.ZipFile(sys.argv[1])\n"
            + "f = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')\n"
            + "g = f['optimizer/vars']\n"
            + "print(int(g['0'][()]), float(g['1'][()]), list(g['14'][()].ravel()))\n";
    H5Tools.Result r = H5Tools.run(List.of(python, "-c", script, file.toString()));
    assertEquals(0, r.exitCode(), r.output());
    String[] parts = r.output().trim().split(" ", 3);
    assertEquals("3", parts[0]);
    assertEquals(0.01f, Float.parseFloat(parts[1]));
    Variable headKernel = m.getLayer("head").weights().get(0);
    float[] momentum =
        m.trainer().optimizer().existingSlot(headKernel, "momentum").orElseThrow().toFloatArray();
    String[] fromFile = parts[2].replaceAll("[\\[\\]]", "").split(",");
    assertEquals(momentum.length, fromFile.length);
    for (int i = 0; i < momentum.length; i++) {
      assertEquals(momentum[i], Float.parseFloat(fromFile[i].trim()), "head kernel momentum " + i);
    }
  }

  // ---- files that ask for what graft lacks, or are malformed ----

  @Test
  void anUnsupportedOptimizerLoadsTheModelUncompiledWithItsWeights() throws IOException {
    Model m = trained(new Adam(0.01f), 2);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    Path lion = withConfig(file, "lion.keras", readConfig(file).replace("\"Adam\"", "\"Lion\""));
    LoadedModel loaded = ModelFiles.loadWithReport(lion);
    assertFalse(loaded.model().trainer().isCompiled());
    assertWeightsEqual(m, loaded.model());
    assertEquals(1, loaded.report().notes().size());
    assertTrue(loaded.report().notes().get(0).contains("Lion"), loaded.report().notes().get(0));
  }

  @Test
  void anOptimizerGroupOfTheWrongCountFailsNamingIt() throws IOException {
    Model m = trained(new Adam(0.01f), 2);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    // The same settings with amsgrad need 2 + 3 x 8 variables; the file holds 2 + 2 x 8.
    Path bad =
        withConfig(
            file, "ams.keras", readConfig(file).replace("\"amsgrad\":false", "\"amsgrad\":true"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(bad));
    assertTrue(e.getMessage().startsWith(bad + "!model.weights.h5: optimizer:"), e.getMessage());
    assertTrue(e.getMessage().contains("holds 18 variables"), e.getMessage());
    assertTrue(e.getMessage().contains("has 26"), e.getMessage());
  }

  @Test
  void anOptimizerGroupOfTheWrongShapeFailsNamingIndexAndShapes() throws IOException {
    // RMSprop with momentum stores all velocities, then all momentums: as many variables as
    // Adam's interleaved momentum/velocity pairs, in another order of shapes.
    Model m = trained(RmsProp.builder().learningRate(0.01f).momentum(0.5f).build(), 2);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    Model adam = trained(new Adam(0.01f), 0);
    Path bad = withConfig(file, "swapped.keras", ModelConfigs.toJson(adam));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(bad));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(bad + "!model.weights.h5: optimizer: variable 4"), msg);
    assertTrue(msg.contains("has shape (3, 3) but (3,) was expected"), msg);
  }

  private static String readConfig(Path file) throws IOException {
    try (KerasArchive a = KerasArchive.open(file)) {
      return a.configJson();
    }
  }

  /** A copy of the archive {@code file} with another config.json. */
  private Path withConfig(Path file, String name, String config) throws IOException {
    return withEntry(file, name, "config.json", config.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the archive {@code file} with other bytes for {@code entry}. */
  private Path withEntry(Path file, String name, String entry, byte[] bytes) throws IOException {
    Path out = tmp.resolve(name);
    try (ZipFile in = new ZipFile(file.toFile());
        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(entry)) {
          z.write(bytes);
        } else {
          try (InputStream s = in.getInputStream(e)) {
            s.transferTo(z);
          }
        }
        z.closeEntry();
      }
    }
    return out;
  }

  private static List<String> sorted(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort(null);
    return out;
  }

  @Test
  void aFileWithoutOptimizerStateLoadsCompiledWithAFreshOptimizerAndANote() throws IOException {
    Model m = trained(new Adam(0.01f), 2);
    Path file = tmp.resolve("m.keras");
    ModelFiles.save(m, file);
    Path weightsOnly = tmp.resolve("w.weights.h5");
    KerasWeights.save(m, weightsOnly); // .weights.h5 from graft carries no optimizer group
    Path bare = withEntry(file, "bare.keras", "model.weights.h5", Files.readAllBytes(weightsOnly));
    LoadedModel loaded = ModelFiles.loadWithReport(bare);
    assertTrue(loaded.model().trainer().isCompiled());
    assertEquals(0, loaded.model().trainer().optimizer().iterations());
    assertEquals(1, loaded.report().notes().size(), loaded.report().notes().toString());
    assertTrue(loaded.report().notes().get(0).contains("no optimizer state"));
  }

  @Test
  void aBinaryAccuracyOfAnotherThresholdIsSavedAsAKerasObject() {
    KerasTensor in = Input.of(4);
    Model m = new Model(in, new Dense(Dense.units(1).name("logit")).apply(in), "binary");
    m.compile(new Adam(0.01f), new BinaryCrossentropy(true), new BinaryAccuracy(0f, "accuracy"));
    JsonNode cc = ModelConfigs.toConfig(m).get("compile_config");
    assertEquals(
        "{\"module\":\"keras.metrics\",\"class_name\":\"BinaryAccuracy\",\"config\":"
            + "{\"name\":\"accuracy\",\"dtype\":\"float32\",\"threshold\":0.0},"
            + "\"registered_name\":null}",
        cc.get("metrics").get(0).toString());
    List<String> notes = new ArrayList<>();
    CompileSettings back = CompileConfigs.fromConfig(cc, notes).orElseThrow();
    assertTrue(notes.isEmpty(), notes.toString());
    BinaryAccuracy acc = assertInstanceOf(BinaryAccuracy.class, back.metrics().get(0));
    assertEquals(0f, acc.threshold());
    assertEquals("accuracy", acc.name());
  }

  @Test
  void theCompileConfigNamesKerasObjects() throws IOException {
    Model m = trained(new Adam(0.01f), 0);
    String json = ModelConfigs.toJson(m);
    assertTrue(
        json.contains(
            "\"compile_config\":{\"optimizer\":{\"module\":\"keras.optimizers\","
                + "\"class_name\":\"Adam\",\"config\":{\"name\":\"adam\",\"learning_rate\":0.01,"),
        json);
    assertTrue(
        json.contains(
            "\"loss\":{\"module\":\"keras.losses\",\"class_name\":"
                + "\"SparseCategoricalCrossentropy\",\"config\":{\"name\":"
                + "\"sparse_categorical_crossentropy\",\"reduction\":\"sum_over_batch_size\","
                + "\"from_logits\":true,\"ignore_class\":null,\"axis\":-1}"),
        json);
    assertTrue(json.contains("\"metrics\":[\"accuracy\"]"), json);
    assertInstanceOf(Model.class, ModelConfigs.fromJson(json));
  }
}
