package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.layers.Size2D;
import dev.graft.layers.reshaping.UpSampling2D;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Checks graft's ops against the keras-js layer fixtures: inputs, weights and outputs recorded with
 * Keras 2.x (TensorFlow backend), one dynamic test per case. The JSON files hold no layer settings;
 * those come from the notebooks' case headers, collected in {@code cases_from_notebooks.json} ("4
 * 3x3 filters on 5x5x2 input, strides=(1,1), padding='valid', ..."), which this test parses.
 *
 * <p>Shapes in the fixtures have no batch axis; layer cases add a batch of one. Cases with {@code
 * data_format='channels_first'} run through the same NHWC ops between two transposes. Cases whose
 * op is still a placeholder kernel (throws {@link UnsupportedOperationException}) are skipped with
 * a notice; so are cases without recorded settings.
 */
class KerasJsFixturesTest {
  private static final String DATA = "public/keras-js/test/data/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-5;

  /** Placeholder kernels already reported, so that the notice prints once per kernel. */
  private static final Set<String> PLACEHOLDERS_NOTED = ConcurrentHashMap.newKeySet();

  /** Keras 2's SELU constants. */
  private static final double SELU_ALPHA = 1.6732632423543772;

  private static final double SELU_SCALE = 1.0507009873554805;

  /** One fixture case: the settings text, the batched input and the weights; returns the output. */
  @FunctionalInterface
  private interface LayerCase {
    Tensor run(String settings, Tensor x, List<Tensor> weights);
  }

  @TestFactory
  Stream<DynamicTest> conv2d() throws IOException {
    return cases(
        "layers/convolutional/Conv2D.json",
        true,
        (s, x, w) -> {
          boolean bias = flag(s, "use_bias");
          assertEquals(bias ? 2 : 1, w.size(), "weights: kernel" + (bias ? " and bias" : ""));
          checkFilters(s, w.get(0));
          Tensor y =
              channelsLast(
                  s,
                  x,
                  v ->
                      Ops.conv2d(
                          v, w.get(0), pair(s, "strides"), padding(s), pair(s, "dilation_rate")));
          return activation(setting(s, "activation"), bias ? Ops.add(y, w.get(1)) : y);
        });
  }

  /** SeparableConv2D: a depthwise convolution, then a 1x1 convolution, then the bias. */
  @TestFactory
  Stream<DynamicTest> separableConv2d() throws IOException {
    return cases(
        "layers/convolutional/SeparableConv2D.json",
        true,
        (s, x, w) -> {
          boolean bias = flag(s, "use_bias");
          assertEquals(
              bias ? 3 : 2, w.size(), "weights: depthwise, pointwise" + (bias ? ", bias" : ""));
          Tensor depthwise = w.get(0);
          assertEquals(
              Integer.parseInt(setting(s, "depth_multiplier")),
              depthwise.shape().dim(3),
              "depth_multiplier vs depthwise kernel " + depthwise.shape());
          checkFilters(s, w.get(1));
          Tensor y =
              channelsLast(
                  s,
                  x,
                  v -> {
                    Tensor d =
                        Ops.depthwiseConv2d(
                            v, depthwise, pair(s, "strides"), padding(s), new int[] {1, 1});
                    return Ops.conv2d(d, w.get(1), new int[] {1, 1}, Padding.VALID);
                  });
          return activation(setting(s, "activation"), bias ? Ops.add(y, w.get(2)) : y);
        });
  }

  @TestFactory
  Stream<DynamicTest> maxPooling2d() throws IOException {
    return cases(
        "layers/pooling/MaxPooling2D.json",
        true,
        (s, x, w) ->
            channelsLast(
                s, x, v -> Ops.maxPool2d(v, pair(s, "pool_size"), poolStrides(s), padding(s))));
  }

  @TestFactory
  Stream<DynamicTest> averagePooling2d() throws IOException {
    return cases(
        "layers/pooling/AveragePooling2D.json",
        true,
        (s, x, w) ->
            channelsLast(
                s, x, v -> Ops.avgPool2d(v, pair(s, "pool_size"), poolStrides(s), padding(s))));
  }

  @TestFactory
  Stream<DynamicTest> globalAveragePooling2d() throws IOException {
    return cases(
        "layers/pooling/GlobalAveragePooling2D.json",
        true,
        (s, x, w) -> Ops.globalAvgPool2d(toChannelsLast(s, x)));
  }

  @TestFactory
  Stream<DynamicTest> globalMaxPooling2d() throws IOException {
    return cases(
        "layers/pooling/GlobalMaxPooling2D.json",
        true,
        (s, x, w) -> Ops.globalMaxPool2d(toChannelsLast(s, x)));
  }

  @TestFactory
  Stream<DynamicTest> zeroPadding2d() throws IOException {
    return cases(
        "layers/convolutional/ZeroPadding2D.json",
        true,
        (s, x, w) -> {
          int[][] hw = zeroPadding(s);
          return channelsLast(s, x, v -> Ops.pad(v, new int[][] {{0, 0}, hw[0], hw[1], {0, 0}}));
        });
  }

  /** Keras 2's UpSampling2D was nearest-neighbour only: each row and column repeated. */
  @TestFactory
  Stream<DynamicTest> upSampling2d() throws IOException {
    return cases(
        "layers/convolutional/UpSampling2D.json",
        true,
        (s, x, w) -> {
          Matcher m = Pattern.compile("size (\\d+)(?:x(\\d+))?").matcher(s);
          assertTrue(m.find(), "no size in " + s);
          int rows = Integer.parseInt(m.group(1));
          int cols = m.group(2) == null ? rows : Integer.parseInt(m.group(2));
          UpSampling2D layer = new UpSampling2D(Size2D.of(rows, cols), "nearest", null);
          return channelsLast(s, x, layer::apply);
        });
  }

  /** {@code keras.activations.*} applied to the raw input (no batch axis). */
  @TestFactory
  Stream<DynamicTest> activations() throws IOException {
    return cases(
        "activations.json",
        false,
        (s, x, w) -> {
          String name = caseName(s);
          if (name.equals("relu") && s.contains("max_value=")) {
            return Ops.relu(x, Float.parseFloat(setting(s, "max_value")));
          }
          if (name.equals("relu") && s.contains("alpha=")) {
            return Ops.leakyRelu(x, Float.parseFloat(setting(s, "alpha")));
          }
          if (name.equals("elu") && s.contains("alpha=")) {
            return Ops.elu(x, Float.parseFloat(setting(s, "alpha")));
          }
          return activation(name, x);
        });
  }

  /** {@code keras.layers.advanced_activations}: LeakyReLU, PReLU, ELU, ThresholdedReLU. */
  @TestFactory
  Stream<DynamicTest> advancedActivations() throws IOException {
    return cases(
        "layers/advanced_activations.json",
        true,
        (s, x, w) -> {
          String layer = caseName(s);
          switch (layer) {
            case "LeakyReLU" -> {
              return Ops.leakyRelu(x, Float.parseFloat(setting(s, "alpha")));
            }
            case "ELU" -> {
              return Ops.elu(x, Float.parseFloat(setting(s, "alpha")));
            }
            case "PReLU" -> {
              // max(x, 0) + alpha * min(x, 0), alpha learned per feature
              Tensor alpha = w.get(0);
              return Ops.add(Ops.relu(x), Ops.mul(alpha, Ops.minimum(x, Tensor.scalar(0))));
            }
            case "ThresholdedReLU" -> {
              Tensor theta = Tensor.scalar(Float.parseFloat(setting(s, "theta")));
              return Ops.mul(x, Ops.greater(x, theta));
            }
            default -> {
              throw skip("advanced activation " + layer + " is not covered by this test");
            }
          }
        });
  }

  // ---- the harness ----

  /**
   * One dynamic test per case in {@code file}. The settings string passed to the case is {@code
   * "<id>|<description>"} so that activation cases can see their name.
   */
  private static Stream<DynamicTest> cases(String file, boolean batched, LayerCase layer)
      throws IOException {
    JsonNode fixtures = JSON.readTree(SharedGolden.require(DATA + file).toFile());
    JsonNode descriptions =
        JSON.readTree(SharedGolden.require("public/keras-js/cases_from_notebooks.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : fixtures.properties()) {
      String id = e.getKey();
      JsonNode fixture = e.getValue();
      String description = descriptions.path(id).path("description").asText(null);
      tests.add(
          dynamicTest(
              id + (description == null ? "" : " [" + description + "]"),
              () -> runCase(id, description, fixture, batched, layer)));
    }
    assertTrue(!tests.isEmpty(), file + " holds no cases");
    return tests.stream();
  }

  private static void runCase(
      String id, String description, JsonNode fixture, boolean batched, LayerCase layer) {
    if (description == null) {
      throw skip(id + ": no layer settings recorded in cases_from_notebooks.json");
    }
    Tensor x = tensor(fixture.get("input"), batched);
    List<Tensor> weights = new ArrayList<>();
    for (JsonNode w : fixture.path("weights")) {
      weights.add(tensor(w, false));
    }
    Tensor expected = tensor(fixture.get("expected"), batched);
    Tensor actual;
    try {
      actual = layer.run(id + "|" + description, x, weights);
    } catch (UnsupportedOperationException e) {
      if (PLACEHOLDERS_NOTED.add(String.valueOf(e.getMessage()))) {
        System.out.println(
            "SKIPPED keras-js fixtures that need the placeholder kernel "
                + e.getMessage()
                + " (first: "
                + id
                + "); they run once the conv/pooling kernels are merged");
      }
      throw new TestAbortedException(
          "SKIPPED: "
              + id
              + ": graft's kernel is still a placeholder ("
              + e.getMessage()
              + "); this case runs once the conv/pooling kernels are merged");
    }
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), id + ": output shape");
    float[] want = expected.toFloatArray();
    float[] got = actual.toFloatArray();
    for (int i = 0; i < want.length; i++) {
      double tol = TOLERANCE * Math.max(1, Math.abs(want[i]));
      if (!(Math.abs(want[i] - got[i]) <= tol)) {
        fail(
            id
                + ": element "
                + i
                + " of "
                + expected.shape()
                + " is "
                + got[i]
                + ", Keras gives "
                + want[i]
                + " (tolerance "
                + tol
                + ")");
      }
    }
  }

  /** The exception that skips the current case, after printing why. */
  private static TestAbortedException skip(String reason) {
    System.out.println("SKIPPED keras-js fixture " + reason);
    return new TestAbortedException("SKIPPED: " + reason);
  }

  /** The layer or activation name in {@code "<group>.<name>.<n>|<description>"}. */
  private static String caseName(String settings) {
    String id = settings.substring(0, settings.indexOf('|'));
    return id.substring(id.indexOf('.') + 1, id.lastIndexOf('.'));
  }

  private static Tensor tensor(JsonNode node, boolean addBatch) {
    assertNotNull(node, "fixture lacks a tensor");
    JsonNode shape = node.get("shape");
    JsonNode data = node.get("data");
    int offset = addBatch ? 1 : 0;
    int[] dims = new int[shape.size() + offset];
    dims[0] = 1;
    for (int i = 0; i < shape.size(); i++) {
      dims[i + offset] = shape.get(i).asInt();
    }
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.get(i).asDouble();
    }
    return Tensor.of(values, dims);
  }

  // ---- layer settings, parsed from the notebook headers ----

  private static final Pattern SETTING =
      Pattern.compile("(\\w+)=(\\(\\([^=]*?\\)\\)|\\([^)]*\\)|'[^']*'|[^,\\s]+)");

  /** The value of {@code key=...} in {@code settings}, quotes removed. */
  private static String setting(String settings, String key) {
    Matcher m = SETTING.matcher(settings);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        return m.group(2).replace("'", "");
      }
    }
    throw new AssertionError("no " + key + "=... in the case settings: " + settings);
  }

  private static boolean flag(String settings, String key) {
    String v = setting(settings, key);
    assertTrue(v.equals("True") || v.equals("False"), key + " must be True or False: " + v);
    return v.equals("True");
  }

  /** {@code (a, b)} or a single integer (used for both axes) as {@code {a, b}}. */
  private static int[] pair(String settings, String key) {
    return pair(setting(settings, key));
  }

  private static int[] pair(String text) {
    List<Integer> n = integers(text);
    if (n.size() == 1) {
      return new int[] {n.get(0), n.get(0)};
    }
    assertEquals(2, n.size(), "expected one or two integers in " + text);
    return new int[] {n.get(0), n.get(1)};
  }

  private static List<Integer> integers(String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\d+").matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group()));
    }
    return out;
  }

  /** Pooling strides; {@code None} means the pool size, as in Keras. */
  private static int[] poolStrides(String settings) {
    String s = setting(settings, "strides");
    return s.equals("None") ? pair(settings, "pool_size") : pair(s);
  }

  private static Padding padding(String settings) {
    String p = setting(settings, "padding");
    return switch (p) {
      case "valid" -> Padding.VALID;
      case "same" -> Padding.SAME;
      default -> throw skip("padding '" + p + "' is not supported by graft");
    };
  }

  /** ZeroPadding2D's {@code padding}: {@code n}, {@code (h, w)} or {@code ((t, b), (l, r))}. */
  private static int[][] zeroPadding(String settings) {
    Matcher m = Pattern.compile("padding (\\(\\(.*?\\)\\)|\\([^)]*\\)|\\d+)").matcher(settings);
    assertTrue(m.find(), "no padding in " + settings);
    List<Integer> n = integers(m.group(1));
    return switch (n.size()) {
      case 1 -> new int[][] {{n.get(0), n.get(0)}, {n.get(0), n.get(0)}};
      case 2 -> new int[][] {{n.get(0), n.get(0)}, {n.get(1), n.get(1)}};
      case 4 -> new int[][] {{n.get(0), n.get(1)}, {n.get(2), n.get(3)}};
      default -> throw new AssertionError("cannot read padding " + m.group(1));
    };
  }

  /** The description's filter count and kernel size against the kernel's shape. */
  private static void checkFilters(String settings, Tensor kernel) {
    Matcher m = Pattern.compile("(\\d+) (\\d+)x(\\d+) filters").matcher(settings);
    assertTrue(m.find(), "no 'N KxK filters' in " + settings);
    int[] k = kernel.shape().dims();
    assertEquals(Integer.parseInt(m.group(1)), k[3], "filters vs kernel " + kernel.shape());
    if (k[0] > 1) {
      assertEquals(Integer.parseInt(m.group(2)), k[0], "kernel height");
      assertEquals(Integer.parseInt(m.group(3)), k[1], "kernel width");
    }
  }

  /**
   * Runs an NHWC op on a channels-first input by transposing to NHWC and back. Graft's ops are NHWC
   * only; the transposes keep these cases checking the same op.
   */
  private static Tensor channelsLast(
      String settings, Tensor x, java.util.function.UnaryOperator<Tensor> op) {
    if (!channelsFirst(settings)) {
      return op.apply(x);
    }
    return Ops.transpose(op.apply(Ops.transpose(x, 0, 2, 3, 1)), 0, 3, 1, 2);
  }

  private static Tensor toChannelsLast(String settings, Tensor x) {
    return channelsFirst(settings) ? Ops.transpose(x, 0, 2, 3, 1) : x;
  }

  private static boolean channelsFirst(String settings) {
    String format = setting(settings, "data_format");
    if (!format.equals("channels_last") && !format.equals("channels_first")) {
      throw skip("data_format " + format + " is unknown");
    }
    return format.equals("channels_first");
  }

  /** Keras 2's activation functions by name. */
  private static Tensor activation(String name, Tensor x) {
    return switch (name) {
      case "linear" -> x;
      case "relu" -> Ops.relu(x);
      case "sigmoid" -> Ops.sigmoid(x);
      case "tanh" -> Ops.tanh(x);
      case "softmax" -> Ops.softmax(x, -1);
      case "elu" -> Ops.elu(x, 1f);
      case "selu" -> Ops.mul(Ops.elu(x, (float) SELU_ALPHA), Tensor.scalar((float) SELU_SCALE));
      case "softplus" -> Ops.softplus(x);
      case "softsign" -> Ops.div(x, Ops.add(Ops.abs(x), Tensor.scalar(1)));
      // Keras 2's piecewise-linear form; Keras 3 uses relu6(x + 3) / 6 instead.
      case "hard_sigmoid" ->
          Ops.clip(Ops.add(Ops.mul(x, Tensor.scalar(0.2f)), Tensor.scalar(0.5f)), 0, 1);
      default -> throw skip("activation '" + name + "' is not covered by this test");
    };
  }
}
