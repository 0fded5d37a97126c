package dev.graft.saving;

import dev.graft.models.Model;
import dev.graft.saving.config.ModelConfigs;
import dev.graft.saving.h5.H5Reader;
import dev.graft.saving.h5.LegacyH5Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whole models in Keras's files, architecture and weights: {@code keras.models.load_model} and
 * {@code model.save}.
 *
 * <pre>{@code
 * Model model = ModelFiles.load(Path.of("model.keras")); // or a legacy full-model .h5
 * ModelFiles.save(model, Path.of("copy.keras"));         // atomic; Keras 3 loads it
 * }</pre>
 *
 * <p>Nothing in a file is ever executed: layers carrying Python code (Keras's {@code Lambda}) are
 * refused, as Keras's safe mode does.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Rebuilds the model stored in a {@code .keras} archive or a legacy full-model {@code .h5} file
   * and sets its weights.
   *
   * @throws IllegalArgumentException if the file name has another ending, the file holds weights
   *     only, or its architecture uses something graft does not support (the message names it)
   * @throws IOException if the file cannot be read or is damaged
   */
  public static Model load(Path file) throws IOException {
    String name = fileName(file, "load");
    if (name.endsWith(".keras")) {
      try (KerasArchive archive = KerasArchive.open(file)) {
        Model model = fromConfig(archive.configJson(), file);
        archive.loadWeights(model, LoadOptions.defaults());
        return model;
      }
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      try (H5Reader r = H5Reader.open(file)) {
        Optional<String> config = r.string("", "model_config");
        if (config.isEmpty()) {
          throw new IllegalArgumentException(
              file
                  + " holds weights only (no model_config attribute); build the model in code and"
                  + " load them with KerasWeights.load(model, file)");
        }
        Model model = fromConfig(config.get(), file);
        LegacyH5Weights.load(model, r, false, false);
        return model;
      }
    }
    throw new IllegalArgumentException(
        "ModelFiles.load: " + file + " is not a Keras model file; expected .keras or .h5");
  }

  /**
   * Saves {@code model} (architecture and weights) to a {@code .keras} archive atomically; Keras
   * 3's {@code keras.models.load_model} reads it. Optimizer state is not saved.
   */
  public static void save(Model model, Path file) throws IOException {
    if (model == null) {
      throw new IllegalArgumentException("ModelFiles.save: model is null");
    }
    String name = fileName(file, "save");
    if (!name.endsWith(".keras")) {
      throw new IllegalArgumentException(
          "ModelFiles.save: "
              + file
              + " must end in .keras; for weights only use KerasWeights.save with a name ending in"
              + " .weights.h5");
    }
    KerasArchive.save(file, ModelConfigs.toJson(model), model);
  }

  /** Writes the archive directly, not atomically; for callers that manage the temporary file. */
  public static void write(Model model, Path file) throws IOException {
    KerasArchive.write(file, ModelConfigs.toJson(model), model);
  }

  private static Model fromConfig(String json, Path file) {
    try {
      return ModelConfigs.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static String fileName(Path file, String what) {
    if (file == null || file.getFileName() == null) {
      throw new IllegalArgumentException("ModelFiles." + what + ": no file given");
    }
    return file.getFileName().toString();
  }
}
