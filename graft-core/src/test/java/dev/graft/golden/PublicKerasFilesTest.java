package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.LoadReport;
import dev.graft.saving.ModelFiles;
import dev.graft.saving.config.ModelConfigs;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Keras-written file under {@code shared/golden/public/} (see its SOURCES.md) and what it
 * checks. Expected values come from the files themselves (recorded predictions), from the scripts
 * that wrote them (arange-filled weights and the outputs they state), or from scalar code in this
 * test; reference weights are read with jHDF directly, not through graft's loader.
 *
 * <table>
 * <caption>dl4j-test-resources (Keras 2.1.3 / 2.2.4 / 2.3.1, tf.keras 2.2.4)</caption>
 * <tr><th>file</th><th>check</th></tr>
 * <tr><td>fullconfigs/cnn/cnn_batch_norm.h5 + input.npy, predictions.npy</td>
 *     <td>ModelFiles.load, and weights into a Java-built model: predictions within 1e-5</td></tr>
 * <tr><td>weights/sepconv2d_tensorflow_2.h5</td>
 *     <td>ModelFiles.load, and weights into a Java-built model: the output sepconv.py states,
 *         exactly</td></tr>
 * <tr><td>weights/conv2d_tensorflow_2.h5</td>
 *     <td>ModelFiles.load: kernel arange(270), bias arange(6) (conv2d.py); all-ones input gives
 *         5940 + 46 f per filter f, exactly</td></tr>
 * <tr><td>weights/batch_to_conv2d_tensorflow_2.h5</td>
 *     <td>ModelFiles.load: parameter count, output shape, every weight equal to its dataset</td></tr>
 * <tr><td>examples/activations/ReLU_0_{model,weights,inputs_and_outputs}.h5, _config.json</td>
 *     <td>ModelFiles.load(model.h5), and config.json + KerasWeights.load(weights.h5): recorded
 *         predictions within 1e-6</td></tr>
 * <tr><td>examples/simple_sparse_xent/..._{model,weights,inputs_and_outputs}.h5, _config.json</td>
 *     <td>the same, recorded softmax predictions within 1e-6</td></tr>
 * <tr><td>tfkeras/cnn2d_100.h5</td>
 *     <td>ModelFiles.load (SpatialDropout2D, UpSampling2D, DepthwiseConv2D, ...): layers, counts,
 *         and the output of a scalar re-implementation with the file's weights (no outputs are
 *         recorded), within 1e-6</td></tr>
 * <tr><td>tfkeras/GAPError.h5, tfkeras/batchNormError2.h5</td>
 *     <td>refused: the error names Conv1D and the layer</td></tr>
 * </table>
 *
 * <p>keras-team-keras/pre_pr22362_nested_container.keras (a custom subclassed model) is refused
 * with an error naming its class and the model. The keras-js fixtures are checked in {@link
 * KerasJsFixturesTest}; the configs of the DL4J files in {@code Keras2ConfigTest}.
 */
class PublicKerasFilesTest {
  private static final String DL4J = "public/dl4j-test-resources/";

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  // ---- recorded outputs ----

  @Test
  void cnnBatchNormReproducesPredictionsNpy() throws IOException {
    Path dir = SharedGolden.require(DL4J + "fullconfigs/cnn");
    Tensor x = Npy.read(dir.resolve("input.npy"));
    x = Tensor.of(x.toFloatArray(), x.shape().dims()); // float64 in the file
    float[] want = Npy.read(dir.resolve("predictions.npy")).toFloatArray();

    Model loaded = ModelFiles.load(dir.resolve("cnn_batch_norm.h5"));
    assertClose(want, loaded.predict(x).toFloatArray(), 1e-5, "ModelFiles.load");

    // The same weights loaded by order into a model built in Java with other layer names.
    Sequential built =
        new Sequential("cnn")
            .withInput(10, 10, 3)
            .add(new Conv2D(Conv2D.filters(1, 3).name("c1")))
            .add(new BatchNormalization(BatchNormalization.defaults().name("bn")))
            .add(new Activation("relu", "act"))
            .add(new Conv2D(Conv2D.filters(1, 3).name("c2")))
            .add(new Flatten("flat"))
            .add(new Dense(Dense.units(1).name("out")));
    LoadReport report = KerasWeights.load(built, dir.resolve("cnn_batch_norm.h5"));
    assertEquals("legacy-h5", report.format());
    assertEquals(List.of("c1", "bn", "c2", "out"), report.loaded());
    assertClose(want, built.apply(x, false).toFloatArray(), 1e-5, "built in Java");
  }

  /** {@code weights/scripts/sepconv.py}: an all-ones input gives two rows of known sums. */
  @Test
  void sepconv2dGivesTheOutputItsScriptStates() throws IOException {
    Path file = SharedGolden.require(DL4J + "weights/sepconv2d_tensorflow_2.h5");
    float[] row = {112590, 116595, 120600, 124605, 128610, 132615};
    float[] want = new float[12];
    System.arraycopy(row, 0, want, 0, 6);
    System.arraycopy(row, 0, want, 6, 6);
    Tensor ones = Tensor.ones(1, 3, 4, 5);

    Tensor out = ModelFiles.load(file).predict(ones);
    assertArrayEquals(new int[] {1, 1, 2, 6}, out.shape().dims());
    assertArrayEquals(want, out.toFloatArray(), 0f);

    Sequential built =
        new Sequential("sep")
            .withInput(3, 4, 5)
            .add(new SeparableConv2D(SeparableConv2D.filters(6, 3).depthMultiplier(2).name("s")));
    KerasWeights.load(built, file);
    assertArrayEquals(want, built.apply(ones, false).toFloatArray(), 0f);
  }

  /** {@code weights/scripts/conv2d.py}: kernel arange(270).reshape(3,3,5,6), bias arange(6). */
  @Test
  void conv2dHasTheArangeWeightsOfItsScript() throws IOException {
    Model m = ModelFiles.load(SharedGolden.require(DL4J + "weights/conv2d_tensorflow_2.h5"));
    List<Tensor> w = m.getWeights();
    assertArrayEquals(new int[] {3, 3, 5, 6}, w.get(0).shape().dims());
    float[] kernel = w.get(0).toFloatArray();
    for (int i = 0; i < kernel.length; i++) {
      assertEquals(i, kernel[i], 0f, "kernel element " + i);
    }
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, w.get(1).toFloatArray(), 0f);
    // All ones, valid 3x3: filter f sums kernel[i * 6 + f] over i < 45, plus bias f.
    float[] out = m.predict(Tensor.ones(1, 5, 5, 5)).toFloatArray();
    assertEquals(3 * 3 * 6, out.length);
    for (int i = 0; i < out.length; i++) {
      int f = i % 6;
      assertEquals(5940 + 46 * f, out[i], 0f, "output " + i);
    }
  }

  @Test
  void batchToConv2dLoadsEveryWeightFromItsDataset() throws IOException {
    Path file = SharedGolden.require(DL4J + "weights/batch_to_conv2d_tensorflow_2.h5");
    Model m = ModelFiles.load(file);
    // Dense(490) on 100 -> Reshape(7,7,10) -> BN(10) -> Conv2D(5, 3x3).
    assertEquals(49490 + 40 + 455, m.countParams());
    assertArrayEquals(new int[] {-1, 5, 5, 5}, m.outputs().get(0).shape());
    assertEquals(8, assertWeightsEqualDatasets(m, file));
  }

  @ParameterizedTest
  @CsvSource({
    "examples/activations/ReLU_0, dense_input, re_lu_1",
    "examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2, dense_1_input, activation_1"
  })
  void kerasExamplesReproduceTheirRecordedPredictions(String prefix, String input, String output)
      throws IOException {
    Path io = SharedGolden.require(DL4J + prefix + "_inputs_and_outputs.h5");
    Tensor x = dataset(io, "inputs/" + input);
    float[] want = dataset(io, "predictions/" + output).toFloatArray();

    Model loaded = ModelFiles.load(SharedGolden.require(DL4J + prefix + "_model.h5"));
    assertClose(want, loaded.predict(x).toFloatArray(), 1e-6, prefix + "_model.h5");

    LayerNames.reset();
    String json =
        Files.readString(
            SharedGolden.require(DL4J + prefix + "_config.json"), StandardCharsets.UTF_8);
    Model fromJson = ModelConfigs.fromJson(json);
    KerasWeights.load(fromJson, SharedGolden.require(DL4J + prefix + "_weights.h5"));
    assertClose(want, fromJson.predict(x).toFloatArray(), 1e-6, prefix + "_weights.h5");
  }

  // ---- tf.keras 2.2.4 cnn2d_100: no recorded outputs, a scalar reference instead ----

  @Test
  void cnn2d100LoadsAndComputesAsAScalarReimplementation() throws IOException {
    Path file = SharedGolden.require(DL4J + "tfkeras/cnn2d_100.h5");
    Model m = ModelFiles.load(file);
    assertEquals("model_56", m.name());
    assertEquals(
        List.of(
            "input_101:InputLayer",
            "depthwise_conv2d_24:DepthwiseConv2D",
            "spatial_dropout2d_112:SpatialDropout2D",
            "zero_padding2d_112:ZeroPadding2D",
            "up_sampling2d_112:UpSampling2D",
            "cropping2d_112:Cropping2D",
            "max_pooling2d_56:MaxPooling2D",
            "depthwise_conv2d_25:DepthwiseConv2D",
            "spatial_dropout2d_113:SpatialDropout2D",
            "zero_padding2d_113:ZeroPadding2D",
            "up_sampling2d_113:UpSampling2D",
            "cropping2d_113:Cropping2D",
            "max_pooling2d_57:MaxPooling2D",
            "global_max_pooling2d_28:GlobalMaxPooling2D"),
        names(m));
    assertEquals(2 * (27 + 3), m.countParams());
    assertEquals(4, assertWeightsEqualDatasets(m, file));

    Tensor x = new Rng(17).uniform(-1, 1, 2, 10, 10, 3);
    float[] got = m.predict(x).toFloatArray();
    float[] xs = x.toFloatArray();
    String w = "model_weights/depthwise_conv2d_2";
    float[] k1 = dataset(file, w + "4/depthwise_conv2d_24/depthwise_kernel:0").toFloatArray();
    float[] b1 = dataset(file, w + "4/depthwise_conv2d_24/bias:0").toFloatArray();
    float[] k2 = dataset(file, w + "5/depthwise_conv2d_25/depthwise_kernel:0").toFloatArray();
    float[] b2 = dataset(file, w + "5/depthwise_conv2d_25/bias:0").toFloatArray();
    float[] want = new float[2 * 3];
    for (int n = 0; n < 2; n++) {
      double[][][] a = new double[10][10][3];
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 10; j++) {
          for (int c = 0; c < 3; c++) {
            a[i][j][c] = xs[((n * 10 + i) * 10 + j) * 3 + c];
          }
        }
      }
      // Each stage: depthwise 3x3 same + tanh, pad 3, repeat x2, crop 1, max pool 2.
      a = stage(a, k1, b1);
      a = stage(a, k2, b2);
      for (int c = 0; c < 3; c++) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] row : a) {
          for (double[] px : row) {
            max = Math.max(max, px[c]);
          }
        }
        want[n * 3 + c] = (float) max;
      }
    }
    assertClose(want, got, 1e-6, "cnn2d_100");
  }

  private static double[][][] stage(double[][][] a, float[] kernel, float[] bias) {
    int h = a.length;
    int w = a[0].length;
    int ch = a[0][0].length;
    double[][][] conv = new double[h][w][ch];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        for (int c = 0; c < ch; c++) {
          double s = bias[c];
          for (int di = 0; di < 3; di++) {
            for (int dj = 0; dj < 3; dj++) {
              int y = i + di - 1;
              int z = j + dj - 1;
              if (y >= 0 && y < h && z >= 0 && z < w) {
                s += a[y][z][c] * kernel[(di * 3 + dj) * ch + c]; // (3, 3, ch, 1)
              }
            }
          }
          conv[i][j][c] = Math.tanh(s);
        }
      }
    }
    int padded = h + 6;
    int cropped = 2 * padded - 2;
    int pooled = cropped / 2;
    double[][][] out = new double[pooled][pooled][ch];
    for (int i = 0; i < pooled; i++) {
      for (int j = 0; j < pooled; j++) {
        for (int c = 0; c < ch; c++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int di = 0; di < 2; di++) {
            for (int dj = 0; dj < 2; dj++) {
              // Pooled (i, j) -> cropped -> upsampled (+1) -> padded (/2) -> conv (-3).
              int y = (2 * i + di + 1) / 2 - 3;
              int z = (2 * j + dj + 1) / 2 - 3;
              boolean inside = y >= 0 && y < h && z >= 0 && z < w;
              max = Math.max(max, inside ? conv[y][z][c] : 0);
            }
          }
          out[i][j][c] = max;
        }
      }
    }
    return out;
  }

  // ---- refused files ----

  @ParameterizedTest
  @CsvSource({"tfkeras/GAPError.h5, conv1d_11", "tfkeras/batchNormError2.h5, conv1d_15"})
  void conv1dFilesAreRefusedNamingTypeAndLayer(String file, String layer) {
    Path path = SharedGolden.require(DL4J + file);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(path));
    assertTrue(e.getMessage().contains("layer '" + layer + "' (Conv1D)"), e.getMessage());
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
  }

  /** A custom subclassed Keras model: nothing graft can rebuild without its Python class. */
  @Test
  void nestedContainerOfACustomClassIsRefusedNamingTypeAndLayer() {
    Path path = SharedGolden.require("public/keras-team-keras/pre_pr22362_nested_container.keras");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(path));
    String message = e.getMessage();
    assertTrue(message.contains("NestedDenseModel"), message);
    assertTrue(message.contains("layer 'nested_dense_model' (NestedDenseModel)"), message);
    assertTrue(message.contains("custom Python class"), message);
    assertTrue(message.contains(path.toString()), message);
  }

  // ---- helpers ----

  /** A float32 dataset of an HDF5 file, read with jHDF. */
  private static Tensor dataset(Path file, String path) {
    try (HdfFile f = new HdfFile(file)) {
      Dataset d = f.getDatasetByPath(path);
      return Tensor.of((float[]) d.getDataFlat(), d.getDimensions());
    }
  }

  /**
   * Each layer's weights equal, in order, the datasets its group's {@code weight_names} attribute
   * lists in a Keras 2 file, read independently; returns how many were compared.
   */
  private static int assertWeightsEqualDatasets(Model m, Path file) {
    int compared = 0;
    try (HdfFile f = new HdfFile(file)) {
      for (Layer l : m.layers()) {
        List<Variable> vars = l.weights();
        Object attr =
            f.getByPath("model_weights/" + l.name()).getAttribute("weight_names").getData();
        // An empty attribute (a layer without weights) reads as null.
        String[] names = attr == null ? new String[0] : (String[]) attr;
        assertEquals(names.length, vars.size(), l.name() + " weight count");
        for (int i = 0; i < names.length; i++) {
          Dataset d = f.getDatasetByPath("model_weights/" + l.name() + "/" + names[i]);
          assertArrayEquals(
              (float[]) d.getDataFlat(), vars.get(i).toFloatArray(), 0f, l.name() + "/" + names[i]);
          compared++;
        }
      }
    }
    return compared;
  }

  private static List<String> names(Model m) {
    return m.layers().stream().map(l -> l.name() + ":" + l.typeName()).toList();
  }

  private static void assertClose(float[] want, float[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int i = 0; i < want.length; i++) {
      assertEquals(
          want[i], got[i], tol, what + " element " + i + ": " + Arrays.toString(got) + " vs Keras");
    }
  }
}
