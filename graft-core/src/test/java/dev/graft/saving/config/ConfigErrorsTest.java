package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.LayerNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configs graft refuses, with messages that name the layer and say what to do. */
class ConfigErrorsTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static String functional(String layer) {
    return ("{'module': 'keras.src.models.functional', 'class_name': 'Functional', 'config': {"
            + "'name': 'm', 'trainable': true, 'layers': ["
            + "{'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape':"
            + " [null, 4], 'dtype': 'float32', 'name': 'in'}, 'name': 'in', 'inbound_nodes': []},"
            + layer
            + "], 'input_layers': ['in', 0, 0], 'output_layers': ['x', 0, 0]}}")
        .replace('\'', '"');
  }

  private static String call() {
    return "'inbound_nodes': [{'args': [{'class_name': '__keras_tensor__', 'config': {'shape':"
        + " [null, 4], 'dtype': 'float32', 'keras_history': ['in', 0, 0]}}], 'kwargs': {}}]";
  }

  private static String message(String json) {
    return assertThrows(ConfigException.class, () -> ModelConfigs.fromJson(json)).getMessage();
  }

  @Test
  void unknownLayerTypeIsNamedWithTheLayer() {
    String m =
        message(
            functional(
                "{'module': 'keras.layers', 'class_name': 'GRU', 'config': {'name': 'x'}, 'name':"
                    + " 'x', "
                    + call()
                    + "}"));
    assertTrue(m.startsWith("layer 'x' (GRU): graft does not support the layer type GRU yet"), m);
    assertTrue(m.contains("Dense"), m);
  }

  @Test
  void lambdaLayersAreRefusedInKeras3AndKeras2Form() {
    String keras3 =
        "{'module': 'keras.layers', 'class_name': 'Lambda', 'config': {'name': 'x', 'function':"
            + " {'class_name': '__lambda__', 'config': {'value': ['4wEAAAAA', null, null]}}},"
            + " 'name': 'x', "
            + call()
            + "}";
    String m = message(functional(keras3));
    assertTrue(m.startsWith("layer 'x' (Lambda): this layer holds Python code"), m);
    assertTrue(m.contains("safe_mode"), m);
    // Keras 2: a Sequential whose Lambda carries marshalled bytecode.
    String keras2 =
        ("{'class_name': 'Sequential', 'config': [{'class_name': 'Dense', 'config': {'name': 'd',"
                + " 'batch_input_shape': [null, 4], 'units': 2}}, {'class_name': 'Lambda', 'config':"
                + " {'name': 'lam', 'function': ['4wEAAAAAAAAA', null, null], 'function_type':"
                + " 'lambda'}}]}")
            .replace('\'', '"');
    m = message(keras2);
    assertTrue(m.startsWith("layer 'lam' (Lambda): this layer holds Python code"), m);
  }

  @Test
  void unsupportedSettingsAreRefused() {
    String m =
        message(
            functional(
                "{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'x', 'units':"
                    + " 2, 'kernel_constraint': {'class_name': 'MaxNorm', 'config': {}}}, 'name':"
                    + " 'x', "
                    + call()
                    + "}"));
    assertTrue(m.startsWith("layer 'x' (Dense): 'kernel_constraint'"), m);
    assertTrue(m.contains("not supported"), m);
    m =
        message(
            functional(
                "{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'x', 'units':"
                    + " 2, 'dtype': 'float64'}, 'name': 'x', "
                    + call()
                    + "}"));
    assertTrue(m.contains("layer 'x' (Dense): dtype policy \"float64\""), m);
    m =
        message(
            functional(
                "{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'x', 'units':"
                    + " 0}, 'name': 'x', "
                    + call()
                    + "}"));
    assertTrue(m.startsWith("layer 'x' (Dense): Dense: units must be positive"), m);
  }

  @Test
  void malformedConfigs() {
    assertTrue(message("{not json").startsWith("the model config is not valid JSON"));
    assertTrue(
        message("{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}")
            .contains("describes a single Dense layer, not a model"));
    String noShape =
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\":"
            + " \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}]}}";
    assertTrue(message(noShape).contains("Sequential 's': the config has no input shape"));
    String missingNode =
        functional(
            "{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'x', 'units':"
                + " 2}, 'name': 'x', "
                + call().replace("'in', 0, 0", "'in', 1, 0")
                + "}");
    assertTrue(message(missingNode).contains("refers to nodes that are never made"));
  }
}
