/**
 * Model architecture as Keras's config JSON: the {@code config.json} of a {@code .keras} file and
 * the {@code model_config} attribute of a legacy {@code .h5} file.
 *
 * <p>{@link dev.graft.saving.config.ModelConfigs} is the facade: {@code toJson(model)} writes a
 * Keras 3 config, {@code fromJson(json)} rebuilds a model from a Keras 3 or Keras 2 config. Each
 * layer type has a {@link dev.graft.saving.config.LayerCodec}, listed explicitly in {@link
 * dev.graft.saving.config.LayerCodecs} (no reflection); nothing read from a file is ever executed,
 * and layers that carry Python code ({@code Lambda}) are refused.
 */
package dev.graft.saving.config;
