package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code MobileNetV2(input_shape=(96,96,3), alpha=0.35, include_top=False, weights=None)} against
 * the Keras 3 files of {@code shared/golden/mobilenetv2_035_96/}: the layers of {@code
 * model_config.json} (names and classes, in order), the variables of {@code weights_manifest.json}
 * (paths, shapes, order), and with the golden weights the outputs in inference and training mode to
 * 1e-4 of each tensor's largest magnitude.
 */
class MobileNetV2GoldenTest {
  private static final String FOLDER = "mobilenetv2_035_96";
  private static final double TOLERANCE = 1e-4;

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  static ApplicationModel base() {
    return MobileNetV2.build(
        0.35,
        ApplicationOptions.defaults()
            .weights((String) null)
            .includeTop(false)
            .inputShape(96, 96, 3));
  }

  @Test
  void layersMatchTheKerasConfig() throws IOException {
    Path dir = SharedGolden.require(FOLDER);
    JsonNode layers =
        new ObjectMapper()
            .readTree(dir.resolve("model_config.json").toFile())
            .get("config")
            .get("layers");
    Model m = base();
    assertEquals(layers.size(), m.layers().size(), "number of layers");
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    // Layer 0 is the input, whose automatic name depends on how many inputs came before.
    for (int i = 1; i < layers.size(); i++) {
      expected.add(
          layers.get(i).get("config").get("name").asText()
              + " "
              + layers.get(i).get("class_name").asText());
      Layer l = m.layers().get(i);
      actual.add(l.name() + " " + l.typeName());
    }
    assertEquals(expected, actual);
    assertEquals("InputLayer", layers.get(0).get("class_name").asText());
    assertEquals("InputLayer", m.layers().get(0).typeName());
    assertEquals("mobilenetv2_0.35_96", m.name());
  }

  @Test
  void weightsMatchTheManifestNameByNameAndShapeByShape() throws IOException {
    List<FormulaWeights.Entry> manifest = FormulaWeights.manifest(SharedGolden.require(FOLDER));
    List<Variable> weights = base().weights();
    assertEquals(manifest.size(), weights.size());
    for (int i = 0; i < weights.size(); i++) {
      FormulaWeights.Entry e = manifest.get(i);
      Variable v = weights.get(i);
      assertEquals(e.path(), v.name(), "weight " + i);
      assertArrayEquals(e.shape(), v.shape().dims(), e.path());
      assertEquals(e.trainable(), v.isTrainable(), e.path() + " trainable");
    }
  }

  @Test
  void outputsInInferenceAndTrainingMode() throws IOException {
    Path dir = SharedGolden.require(FOLDER);
    Model m = base();
    GoldenCompare.assignInitial(m.weights(), dir, FormulaWeights.manifest(dir));
    Tensor x = Npy.read(dir.resolve("input.npy"));
    GoldenCompare.assertClose(
        FOLDER + "/out_inference.npy",
        Npy.read(dir.resolve("out_inference.npy")),
        m.apply(x, false),
        TOLERANCE);
    GoldenCompare.assertClose(
        FOLDER + "/out_training.npy",
        Npy.read(dir.resolve("out_training.npy")),
        m.apply(x, true),
        TOLERANCE);
  }
}
