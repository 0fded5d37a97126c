package dev.graft.saving.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.models.Model;
import java.util.Set;

/**
 * Model architecture as Keras's config JSON, both ways.
 *
 * <pre>{@code
 * String json = ModelConfigs.toJson(model);      // Keras 3's config.json of a .keras file
 * Model copy = ModelConfigs.fromJson(json);      // built, fresh weights; load weights next
 * }</pre>
 *
 * <p>{@link #toJson} writes what Keras 3 writes for the same model: the {@code Functional} or
 * {@code Sequential} entry with {@code module}, {@code class_name}, {@code config}, {@code
 * registered_name}, {@code build_config} and {@code compile_config} (the outermost model's
 * optimizer, loss and metrics when it is compiled, see {@link CompileConfigs}), each layer with its
 * Keras arguments, and functional graphs with Keras 3's {@code inbound_nodes}. Nested models are
 * written as nested configs.
 *
 * <p>{@link #fromJson} reads Keras 3 configs and Keras 2 ones (tf.keras 2.x, Keras 2.1-2.3, as in a
 * legacy {@code .h5} file's {@code model_config}). Layer types graft lacks, settings it does not
 * implement (constraints, channels_first, ...) and layers holding Python code ({@code Lambda}) give
 * a {@link ConfigException} naming the layer; nothing from a file is executed.
 */
public final class ModelConfigs {
  private ModelConfigs() {}

  /** The model's Keras 3 config as JSON text (compact). */
  public static String toJson(Model model) {
    try {
      return KerasJson.MAPPER.writeValueAsString(toConfig(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot format the config of model '" + model.name() + "'", e);
    }
  }

  /** The model's Keras 3 config as a JSON tree. */
  public static JsonNode toConfig(Model model) {
    if (model == null) {
      throw new IllegalArgumentException("ModelConfigs.toConfig: model is null");
    }
    ObjectNode entry = ModelWriter.entry(model);
    entry.set("compile_config", CompileConfigs.toConfig(model));
    return entry;
  }

  /**
   * Rebuilds the model a Keras 3 or Keras 2 config describes: built, with freshly initialised
   * weights, ready for weights to be loaded.
   *
   * @throws ConfigException if the text is not a model config graft can rebuild; the message names
   *     the layer and what to do
   */
  public static Model fromJson(String json) {
    if (json == null) {
      throw new IllegalArgumentException("ModelConfigs.fromJson: json is null");
    }
    JsonNode root;
    try {
      root = KerasJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException("the model config is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromConfig(root);
  }

  /** {@link #fromJson} for an already parsed config. */
  public static Model fromConfig(JsonNode config) {
    if (config == null) {
      throw new IllegalArgumentException("ModelConfigs.fromConfig: config is null");
    }
    return ModelReader.model(config);
  }

  /** The Keras layer class names graft reads and writes (besides InputLayer and the models). */
  public static Set<String> supportedLayerTypes() {
    return LayerCodecs.classNames();
  }
}
