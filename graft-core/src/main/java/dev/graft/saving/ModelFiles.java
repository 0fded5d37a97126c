package dev.graft.saving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.models.Model;
import dev.graft.saving.config.CompileConfigs;
import dev.graft.saving.config.CompileSettings;
import dev.graft.saving.config.ModelConfigs;
import dev.graft.saving.h5.H5Reader;
import dev.graft.saving.h5.LegacyH5Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  private static final System.Logger LOG = System.getLogger("dev.graft.saving");

  private ModelFiles() {}

  /**
   * Rebuilds the model stored in a {@code .keras} archive or a legacy full-model {@code .h5} file
   * and sets its weights. A {@code .keras} file of a compiled model (a {@code compile_config} with
   * an optimizer and loss graft has) gives a compiled model whose optimizer continues from the
   * saved state, as Keras's {@code load_model}; otherwise the model is uncompiled and a warning
   * says why (see {@link #loadWithReport}).
   *
   * @throws IllegalArgumentException if the file name has another ending, the file holds weights
   *     only, its architecture uses something graft does not support (the message names it), or its
   *     optimizer state does not fit the model and optimizer
   * @throws IOException if the file cannot be read or is damaged
   */
  public static Model load(Path file) throws IOException {
    LoadedModel loaded = loadWithReport(file);
    for (String note : loaded.report().notes()) {
      LOG.log(System.Logger.Level.WARNING, file + ": " + note);
    }
    return loaded.model();
  }

  /**
   * {@link #load} that also returns what the load did; its notes say what was left out (a training
   * configuration graft cannot rebuild, absent optimizer state) instead of logging it.
   */
  public static LoadedModel loadWithReport(Path file) throws IOException {
    String name = fileName(file, "load");
    if (name.endsWith(".keras")) {
      try (KerasArchive archive = KerasArchive.open(file)) {
        Model model = fromConfig(archive.configJson(), file);
        LoadReport report = archive.loadWeights(model, LoadOptions.defaults());
        List<String> notes = new ArrayList<>();
        Optional<CompileSettings> compile =
            CompileConfigs.fromConfig(compileConfig(archive.configJson()), notes);
        if (compile.isPresent()) {
          compile.get().applyTo(model);
          notes.addAll(archive.loadOptimizer(model));
        }
        return new LoadedModel(model, report.withNotes(notes));
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
        return new LoadedModel(model, LegacyH5Weights.load(model, r, false, false));
      }
    }
    throw new IllegalArgumentException(
        "ModelFiles.load: " + file + " is not a Keras model file; expected .keras or .h5");
  }

  /** The {@code compile_config} of a config.json that already parsed as a model. */
  private static JsonNode compileConfig(String json) {
    try {
      return new ObjectMapper().readTree(json).get("compile_config");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("config.json parsed once and not again", e);
    }
  }

  /**
   * Saves {@code model} (architecture and weights) to a {@code .keras} archive atomically; Keras
   * 3's {@code keras.models.load_model} reads it. A compiled model's {@code compile_config} and
   * optimizer state are saved too, as Keras saves them (see {@link CompileConfigs} and {@link
   * dev.graft.saving.h5.OptimizerVariables}), so training can continue from the file.
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
