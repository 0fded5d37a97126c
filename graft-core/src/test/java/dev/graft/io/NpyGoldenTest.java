package dev.graft.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the {@code .npy} files written by real NumPy in the shared golden folder and checks them
 * against what the folder's JSON files and README say about them. Skips when the folder is absent.
 */
class NpyGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] MODEL_FOLDERS = {
    "small_functional",
    "small_sequential",
    "mobilenetv2_035_96",
    "transfer_mobilenetv2",
    "transfer_mobilenetv2_seed"
  };

  /** Every .npy file in the golden tree reads, with a shape and size matching its header. */
  @Test
  void everyGoldenNpyFileReads() throws IOException {
    Path golden = SharedGolden.require("");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(golden)) {
      files = walk.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no .npy files under " + golden);
    for (Path f : files) {
      NpyHeader h = Npy.readHeader(f);
      Tensor t = Npy.read(f);
      assertArrayEquals(h.shape(), t.shape().dims(), f.toString());
      assertEquals(h.dataOffset() + h.dataBytes(), Files.size(f), f + ": no trailing bytes");
    }
  }

  /** {@code info.json} records shape, sum, min, max and mean of the recorded outputs. */
  @TestFactory
  Stream<DynamicTest> outputsMatchInfoJsonStatistics() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : MODEL_FOLDERS) {
      Path dir = SharedGolden.require(folder);
      JsonNode info = JSON.readTree(dir.resolve("info.json").toFile());
      for (Map.Entry<String, JsonNode> e : info.properties()) {
        Path npy = dir.resolve(e.getKey() + ".npy");
        if (e.getValue().has("shape") && e.getValue().has("sum") && Files.exists(npy)) {
          tests.add(dynamicTest(folder + "/" + e.getKey(), () -> checkStats(npy, e.getValue())));
        }
      }
    }
    assertTrue(tests.size() >= 6, "expected the recorded outputs of every folder: " + tests);
    return tests.stream();
  }

  private static void checkStats(Path npy, JsonNode stats) throws IOException {
    Tensor t = Npy.read(npy);
    assertArrayEquals(ints(stats.get("shape")), t.shape().dims(), npy + " shape");
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : t.toFloatArray()) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double tol = 1e-9 * Math.max(1, Math.abs(stats.get("sum").asDouble()));
    assertEquals(stats.get("sum").asDouble(), sum, tol, npy + " sum");
    assertEquals(stats.get("min").asDouble(), min, 0, npy + " min");
    assertEquals(stats.get("max").asDouble(), max, 0, npy + " max");
    assertEquals(stats.get("mean").asDouble(), sum / t.size(), 1e-9, npy + " mean");
  }

  /** Each model's input has the shape its {@code model_config.json} input layer declares. */
  @TestFactory
  Stream<DynamicTest> inputsMatchModelConfig() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : MODEL_FOLDERS) {
      Path dir = SharedGolden.require(folder);
      Path config = dir.resolve("model_config.json");
      Path input = dir.resolve("input.npy");
      if (Files.exists(config) && Files.exists(input)) {
        tests.add(
            dynamicTest(
                folder + "/input.npy",
                () -> {
                  JsonNode batchShape = JSON.readTree(config.toFile()).findValue("batch_shape");
                  assertNotNull(batchShape, config + " has no input batch_shape");
                  NpyHeader h = Npy.readHeader(input);
                  assertEquals(NpyDtype.FLOAT32, h.dtype());
                  int[] shape = h.shape();
                  assertEquals(batchShape.size(), shape.length, "rank of " + input);
                  for (int i = 1; i < shape.length; i++) {
                    assertEquals(batchShape.get(i).asInt(), shape[i], input + " axis " + i);
                  }
                }));
      }
    }
    assertEquals(
        3, tests.size(), "small_functional, small_sequential and mobilenetv2 have configs");
    return tests.stream();
  }

  /** Ranges and shapes stated in the golden README. */
  @Test
  void inputsAndLabelsAsTheReadmeDescribes() throws IOException {
    Tensor sf = Npy.read(SharedGolden.require("small_functional/input.npy"));
    assertArrayEquals(new int[] {4, 16, 16, 3}, sf.shape().dims());
    assertRange(sf, 0, 255);

    Tensor mb = Npy.read(SharedGolden.require("mobilenetv2_035_96/input.npy"));
    assertArrayEquals(new int[] {2, 96, 96, 3}, mb.shape().dims());
    assertRange(mb, -1, 1);

    Path transfer = SharedGolden.require("transfer_mobilenetv2/input_0_255.npy");
    assertArrayEquals(new int[] {4, 96, 96, 3}, Npy.read(transfer).shape().dims());
    assertRange(Npy.read(transfer), 0, 255);

    for (String folder : new String[] {"small_functional", "small_sequential"}) {
      Path labels = SharedGolden.require(folder + "/labels.npy");
      assertEquals(NpyDtype.INT64, Npy.readHeader(labels).dtype());
      int classes = Npy.read(SharedGolden.require(folder + "/out_inference.npy")).shape().dim(1);
      Tensor l = Npy.read(labels);
      assertEquals(1, l.rank());
      for (float v : l.toFloatArray()) {
        assertTrue(v == Math.rint(v) && v >= 0 && v < classes, labels + ": label " + v);
      }
    }
  }

  private static void assertRange(Tensor t, float lo, float hi) {
    float[] v = t.toFloatArray();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    assertTrue(min >= lo && max <= hi, "values in [" + min + ", " + max + "]");
    assertTrue(
        max - min > (hi - lo) / 2, "values spread over the range: [" + min + ", " + max + "]");
  }

  /**
   * The calibrated BatchNormalization statistics are stored as .npy files; their manifest entries
   * record the shape, the float64 sum of the float32 values and the first four values.
   */
  @TestFactory
  Stream<DynamicTest> calibratedStatsMatchWeightsManifest() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : MODEL_FOLDERS) {
      Path dir = SharedGolden.require(folder);
      Path manifest = dir.resolve("weights_manifest.json");
      if (!Files.exists(manifest)) {
        continue;
      }
      for (JsonNode entry : JSON.readTree(manifest.toFile())) {
        String source = entry.path("source").asText("");
        if (source.startsWith("calibrated: ")) {
          Path npy = dir.resolve(source.substring("calibrated: ".length()));
          tests.add(
              dynamicTest(
                  folder + "/" + entry.get("path").asText(),
                  () -> {
                    Tensor t = Npy.read(npy);
                    assertArrayEquals(ints(entry.get("shape")), t.shape().dims());
                    float[] v = t.toFloatArray();
                    double sum = 0;
                    for (float x : v) {
                      sum += x;
                    }
                    assertEquals(entry.get("sum").asDouble(), sum, 1e-9 * Math.max(1, sum));
                    float[] first = new float[entry.get("first").size()];
                    for (int i = 0; i < first.length; i++) {
                      first[i] = (float) entry.get("first").get(i).asDouble();
                    }
                    assertArrayEquals(first, Arrays.copyOf(v, first.length));
                  }));
        }
      }
    }
    assertTrue(tests.size() >= 104, "expected 104 calibrated statistics per MobileNet manifest");
    return tests.stream();
  }

  /** DL4J's float64 input and the Keras 2.1.3 predictions quoted in public/SOURCES.md. */
  @Test
  void dl4jFloat64InputAndPredictions() throws IOException {
    String cnn = "public/dl4j-test-resources/fullconfigs/cnn/";
    Path input = SharedGolden.require(cnn + "input.npy");
    assertEquals(NpyDtype.FLOAT64, Npy.readHeader(input).dtype());
    Tensor x = Npy.read(input);
    assertArrayEquals(new int[] {5, 10, 10, 3}, x.shape().dims());
    for (float v : x.toFloatArray()) {
      assertTrue(v >= 0 && v <= 1, "np.random.random gives [0, 1), found " + v);
    }
    Tensor p = Npy.read(SharedGolden.require(cnn + "predictions.npy"));
    assertArrayEquals(new int[] {5, 1}, p.shape().dims());
    assertArrayEquals(
        new float[] {-0.0520611f, 0.04986075f, 0.16297522f, 0.15389983f, 0.15537278f},
        p.toFloatArray(),
        1e-7f);
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
