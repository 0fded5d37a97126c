package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keras 2 configs from DL4J's Keras-import test files (written by Keras 2.1.3, 2.2.4, 2.3.1 and
 * tf.keras 2.2.4): the {@code model_config} attribute of legacy {@code .h5} files and plain {@code
 * _config.json} files. Expected structures and parameter counts come from the architectures in
 * {@code golden/public/SOURCES.md}, counted by hand in each test.
 */
class Keras2ConfigTest {
  private static final String DL4J = "public/dl4j-test-resources/";

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  /** The {@code model_config} attribute of a legacy h5 file. */
  static String modelConfig(Path h5) {
    try (HdfFile f = new HdfFile(h5)) {
      Attribute a = f.getAttribute("model_config");
      assertTrue(a != null, h5 + " has no model_config");
      return a.getData().toString();
    }
  }

  private static Model fromH5(String relative) {
    return ModelConfigs.fromJson(modelConfig(SharedGolden.require(DL4J + relative)));
  }

  private static List<String> names(Model m) {
    List<String> out = new ArrayList<>();
    for (Layer l : m.layers()) {
      out.add(l.name() + ":" + l.typeName());
    }
    return out;
  }

  private static long size(List<Variable> vs) {
    long n = 0;
    for (Variable v : vs) {
      n += v.size();
    }
    return n;
  }

  @Test
  void listStyleSequentialOfKeras213() {
    // Conv2D(1, 3x3) on (10,10,3): 27+1; BN(1): 2+2; Conv2D(1, 3x3): 9+1; Dense(1) on 6*6: 36+1.
    Model m = fromH5("fullconfigs/cnn/cnn_batch_norm.h5");
    assertTrue(m instanceof Sequential);
    assertEquals(
        List.of(
            "conv2d_1:Conv2D",
            "batch_normalization_1:BatchNormalization",
            "activation_1:Activation",
            "conv2d_2:Conv2D",
            "flatten_1:Flatten",
            "dense_1:Dense"),
        names(m));
    assertEquals("conv2d_1_input", m.inputs().get(0).node().layer().name());
    assertEquals(28 + 4 + 10 + 37, m.countParams());
    assertEquals(2, size(m.nonTrainableWeights()));
    assertEquals("[-1, 1]", java.util.Arrays.toString(m.outputs().get(0).shape()));
  }

  @Test
  void otherKeras213Sequentials() {
    // SeparableConv2D(6, 3x3, depth_multiplier 2) on (3,4,5): 3*3*5*2 + 10*6 + 6.
    Model sep = fromH5("weights/sepconv2d_tensorflow_2.h5");
    assertEquals(90 + 60 + 6, sep.countParams());
    assertEquals("[-1, 1, 2, 6]", java.util.Arrays.toString(sep.outputs().get(0).shape()));
    LayerNames.reset();
    // Conv2D(6, 3x3) on (5,5,5): 270 + 6.
    assertEquals(276, fromH5("weights/conv2d_tensorflow_2.h5").countParams());
    LayerNames.reset();
    // Dense(490) on 100 -> Reshape(7,7,10) -> BN(10) -> Conv2D(5, 3x3).
    Model b = fromH5("weights/batch_to_conv2d_tensorflow_2.h5");
    assertEquals(49490 + 40 + 455, b.countParams());
    assertEquals("[-1, 5, 5, 5]", java.util.Arrays.toString(b.outputs().get(0).shape()));
  }

  @Test
  void keras231SequentialsFromH5AndFromJson() throws IOException {
    for (String file :
        List.of(
            "examples/activations/ReLU_0_model.h5", "examples/activations/ReLU_0_config.json")) {
      LayerNames.reset();
      Path p = SharedGolden.require(DL4J + file);
      String json =
          file.endsWith(".h5") ? modelConfig(p) : Files.readString(p, StandardCharsets.UTF_8);
      Model m = ModelConfigs.fromJson(json);
      // Dense(32) on 16 inputs -> ReLU.
      assertEquals(List.of("dense:Dense", "re_lu_1:ReLU"), names(m), file);
      assertEquals(16 * 32 + 32, m.countParams(), file);
    }
    LayerNames.reset();
    Model mlp = fromH5("examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_model.h5");
    assertEquals(List.of("dense_1:Dense", "activation_1:Activation"), names(mlp));
    assertEquals(4 * 3 + 3, mlp.countParams());
  }

  @Test
  void layerTypesGraftLacksAreNamedWithTheLayer() {
    // Keras 2.2.4 functional models with Conv1D.
    // Read the configs first, so that a missing golden folder skips the test instead of failing it.
    String gap = modelConfig(SharedGolden.require(DL4J + "tfkeras/GAPError.h5"));
    String bn = modelConfig(SharedGolden.require(DL4J + "tfkeras/batchNormError2.h5"));
    ConfigException e = assertThrows(ConfigException.class, () -> ModelConfigs.fromJson(gap));
    assertTrue(e.getMessage().contains("layer 'conv1d_11' (Conv1D)"), e.getMessage());
    assertTrue(e.getMessage().contains("does not support the layer type Conv1D yet"));
    e = assertThrows(ConfigException.class, () -> ModelConfigs.fromJson(bn));
    assertTrue(e.getMessage().contains("layer 'conv1d_15' (Conv1D)"), e.getMessage());
  }

  @Test
  void tfKeras224Functional() {
    // Keras 2 list-form inbound nodes, initializers carrying a dtype, SpatialDropout2D with its
    // Dropout base's noise_shape, UpSampling2D.
    Model m = fromH5("tfkeras/cnn2d_100.h5");
    assertEquals("model_56", m.name());
    assertEquals(14, m.layers().size());
    assertEquals("spatial_dropout2d_112:SpatialDropout2D", names(m).get(2));
    assertEquals("up_sampling2d_112:UpSampling2D", names(m).get(4));
    // (10,10,3) -> dw same -> pad 3 (16,16) -> up 2 (32,32) -> crop 1 (30,30) -> pool (15,15)
    // -> dw -> pad (21,21) -> up (42,42) -> crop (40,40) -> pool (20,20) -> global max (3).
    // Two depthwise 3x3x3 + bias 3.
    assertEquals(
        "[-1, 20, 20, 3]", java.util.Arrays.toString(m.nodes().get(12).outputs().get(0).shape()));
    assertEquals("[-1, 3]", java.util.Arrays.toString(m.outputs().get(0).shape()));
    assertEquals(2 * (27 + 3), m.countParams());
    assertNull(m.nodes().get(1).training());
  }

  @Test
  void rebuiltKeras213ModelPredictsAsKerasDid() throws IOException {
    // The recorded predictions of cnn_batch_norm.h5 (Keras 2.1.3), with the file's own weights
    // copied in by layer name: checks that the config was read with its meaning, not just its
    // shape.
    Path h5 = SharedGolden.require(DL4J + "fullconfigs/cnn/cnn_batch_norm.h5");
    Model m = ModelConfigs.fromJson(modelConfig(h5));
    try (HdfFile f = new HdfFile(h5)) {
      for (Layer l : m.layers()) {
        io.jhdf.api.Group g = (io.jhdf.api.Group) f.getByPath("model_weights/" + l.name());
        Object weightNames = g.getAttribute("weight_names").getData();
        List<Tensor> values = new ArrayList<>();
        // A layer without weights has an empty attribute, which jhdf reads as null.
        for (String w : weightNames == null ? new String[0] : (String[]) weightNames) {
          io.jhdf.api.Dataset d = (io.jhdf.api.Dataset) g.getByPath(w);
          values.add(Tensor.of((float[]) d.getDataFlat(), d.getDimensions()));
        }
        l.setWeights(values);
      }
    }
    Path dir = h5.getParent();
    Tensor x = Npy.read(dir.resolve("input.npy"));
    Tensor expected = Npy.read(dir.resolve("predictions.npy"));
    float[] got = m.predict(Tensor.of(x.toFloatArray(), x.shape().dims())).toFloatArray();
    float[] want = expected.toFloatArray();
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-5, "prediction " + i);
    }
  }
}
