package dev.graft.saving;

import dev.graft.models.Model;
import dev.graft.saving.h5.H5Reader;
import dev.graft.saving.h5.Keras3WeightsFile;
import dev.graft.saving.h5.LegacyH5Weights;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads and saves a model's weights in Keras's files, choosing the format by the file name:
 *
 * <ul>
 *   <li>{@code .weights.h5}: the Keras 3 layout ({@code model.save_weights}); read and written.
 *   <li>{@code .h5}: read; the legacy layout (Keras 1/2, tf.keras, Keras 3's {@code
 *       model.save("x.h5")}, ImageNet weight files) when the file has a {@code layer_names}
 *       attribute, else the Keras 3 layout. graft does not write legacy files.
 *   <li>{@code .keras}: read the weights of the archive (see {@link KerasArchive} for the whole
 *       file, architecture included).
 * </ul>
 *
 * <pre>{@code
 * KerasWeights.save(model, Path.of("best.weights.h5"));                 // atomic
 * KerasWeights.load(model, Path.of("best.weights.h5"));
 * KerasWeights.load(model, Path.of("imagenet_no_top.h5"),
 *     LoadOptions.defaults().byName(true).skipMismatch(true));
 * }</pre>
 *
 * <p>A load checks the file against the model before it assigns anything; a mismatch fails with a
 * message naming the file, the layer and both shapes, unless {@link LoadOptions#skipMismatch} skips
 * it (see the returned {@link LoadReport}). A damaged or truncated file fails with a {@link
 * WeightsFileException}.
 */
public final class KerasWeights {
  private KerasWeights() {}

  /** Loads with {@link LoadOptions#defaults()}. */
  public static LoadReport load(Model model, Path file) throws IOException {
    return load(model, file, LoadOptions.defaults());
  }

  /**
   * Sets {@code model}'s weights from a {@code .weights.h5}, {@code .h5} or {@code .keras} file.
   *
   * @throws IllegalArgumentException if the file's weights do not match the model, or {@code
   *     byName} is asked of a Keras 3 layout (Keras supports it for legacy files only)
   * @throws WeightsFileException if the file is not a readable Keras weights file
   */
  public static LoadReport load(Model model, Path file, LoadOptions options) throws IOException {
    if (model == null || file == null || options == null) {
      throw new IllegalArgumentException("KerasWeights.load: model, file and options are required");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".keras")) {
      try (KerasArchive a = KerasArchive.open(file)) {
        return a.loadWeights(model, options);
      }
    }
    if (!name.endsWith(".h5") && !name.endsWith(".hdf5")) {
      throw new IllegalArgumentException(
          "KerasWeights.load: "
              + file
              + " is not a Keras weights file; expected a name ending in .weights.h5, .h5 or"
              + " .keras"
              + (name.endsWith(GraftWeights.EXTENSION) ? " (use GraftWeights.load for it)" : ""));
    }
    try (H5Reader r = H5Reader.open(file)) {
      if (LegacyH5Weights.looksLikeLegacy(r)) {
        return LegacyH5Weights.load(model, r, options.isByName(), options.isSkipMismatch());
      }
      rejectByName(options, r.label());
      return Keras3WeightsFile.load(model, r, options.isSkipMismatch());
    }
  }

  /**
   * Saves {@code model}'s weights to a {@code .weights.h5} file in the Keras 3 layout, atomically
   * (see {@link AtomicFiles}); Keras's {@code model.load_weights} reads it.
   */
  public static void save(Model model, Path file) throws IOException {
    if (model == null || file == null) {
      throw new IllegalArgumentException("KerasWeights.save: model and file are required");
    }
    if (!file.getFileName().toString().endsWith(".weights.h5")) {
      throw new IllegalArgumentException(
          "KerasWeights.save: the file name must end in .weights.h5 (the Keras 3 layout), got "
              + file
              + "; graft does not write legacy .h5 files, and a whole model goes in a .keras file"
              + " (KerasArchive)");
    }
    AtomicFiles.replace(file, tmp -> write(model, tmp));
  }

  /** Writes the Keras 3 layout to {@code file} directly, whatever its name; not atomic. */
  public static void write(Model model, Path file) throws IOException {
    Keras3WeightsFile.write(model, file);
  }

  static void rejectByName(LoadOptions options, String label) {
    if (options.isByName()) {
      throw new IllegalArgumentException(
          label
              + ": loading by name works with legacy .h5 files only, as in Keras; this file has"
              + " the Keras 3 layout, which is matched by architecture");
    }
  }
}
