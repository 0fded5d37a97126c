package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.Variable;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Models inside models (the transfer-learning recipe) and layers called more than once. */
class NestedModelConfigTest {
  private static final ObjectMapper M = new ObjectMapper();

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  /** The golden transfer model: MobileNetV2-0.35 base, frozen and called with training=False. */
  private static Model transferModel() throws IOException {
    String json =
        Files.readString(
            SharedGolden.require("mobilenetv2_035_96/model_config.json"), StandardCharsets.UTF_8);
    Model base = ModelConfigs.fromJson(json);
    base.setTrainable(false);
    KerasTensor in = Input.named("input_layer", 96, 96, 3);
    KerasTensor x = new Rescaling(1f / 127.5f, -1f, "rescaling").apply(in);
    x = base.apply(x, false);
    x = new GlobalAveragePooling2D("global_average_pooling2d").apply(x);
    x = new Dropout(0.2f, 1L, "dropout").apply(x);
    return new Model(in, new Dense(Dense.units(1).name("dense")).apply(x), "transfer");
  }

  private static long size(List<Variable> vs) {
    return vs.stream().mapToLong(Variable::size).sum();
  }

  @Test
  void frozenBaseCalledInInferenceModeSurvivesTheRoundTrip() throws IOException {
    Model m = transferModel();
    JsonNode config = ModelConfigs.toConfig(m);
    JsonNode base = config.at("/config/layers/2");
    assertEquals("Functional", base.get("class_name").asText());
    assertEquals("keras.src.models.functional", base.get("module").asText());
    assertEquals("Functional", base.get("registered_name").asText());
    assertFalse(base.at("/config/trainable").asBoolean());
    assertFalse(base.at("/config/layers/1/config/trainable").asBoolean());
    assertEquals(
        M.readTree("{\"training\": false, \"mask\": null}"), base.at("/inbound_nodes/0/kwargs"));
    // The pooling reads the base's first call here, which Keras numbers 1 (0 is the base's own).
    assertEquals(
        M.readTree("[\"mobilenetv2_0.35_96\", 1, 0]"),
        config.at("/config/layers/3/inbound_nodes/0/args/0/config/keras_history"));
    assertEquals(
        M.readTree("{\"training\": false}"), config.at("/config/layers/4/inbound_nodes/0/kwargs"));

    Model copy = ModelConfigs.fromConfig(config);
    assertNull(JsonDiff.firstDifference(config, ModelConfigs.toConfig(copy)));
    // The golden README's counts for the frozen stage.
    assertEquals(411_489, copy.countParams());
    assertEquals(1_281, size(copy.trainableWeights()));
    Node baseCall = copy.nodes().get(2);
    assertEquals("mobilenetv2_0.35_96", baseCall.layer().name());
    assertEquals(Boolean.FALSE, baseCall.training());
    // Dropout's recorded training=false is Keras's default, not a fixed mode: it follows the model.
    assertNull(copy.nodes().get(4).training());
  }

  @Test
  void sharedLayerCallsAreNumbered() {
    Dense shared = new Dense(Dense.units(3).name("shared"));
    KerasTensor a = Input.named("a", 3);
    KerasTensor b = Input.named("b", 3);
    KerasTensor ya = shared.apply(a);
    KerasTensor yb = shared.apply(shared.apply(b));
    Model m = new Model(List.of(a, b), List.of(ya, yb), "siamese");
    JsonNode config = ModelConfigs.toConfig(m);
    assertEquals(3, config.at("/config/layers/2/inbound_nodes").size());
    assertEquals(
        "[\"shared\",1,0]",
        config.at("/config/layers/2/inbound_nodes/2/args/0/config/keras_history").toString());
    assertEquals(
        "[[\"shared\",0,0],[\"shared\",2,0]]", config.at("/config/output_layers").toString());

    Model copy = ModelConfigs.fromConfig(config);
    assertNull(JsonDiff.firstDifference(config, ModelConfigs.toConfig(copy)));
    assertEquals(12, copy.countParams());
    copy.setWeights(m.getWeights());
    Rng rng = new Rng(3);
    List<Tensor> x = List.of(rng.uniform(-1f, 1f, 2, 3), rng.uniform(-1f, 1f, 2, 3));
    List<Tensor> want = m.apply(x, false);
    List<Tensor> got = copy.apply(x, false);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(want.get(i).toFloatArray(), got.get(i).toFloatArray());
    }
  }
}
