package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.LoadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place where an application model gets the weights it was asked for.
 *
 * <p>For {@code weights="imagenet"} the file Keras uses ({@link
 * ApplicationModel#imagenetWeights()}) is looked for in Keras's own cache ({@code
 * $KERAS_HOME/models}, else {@code ~/.keras/models}), then in graft's ({@code
 * GraftHome.root()/models}), and otherwise downloaded from Keras's address into graft's cache, with
 * a progress bar, checking the MD5 Keras publishes (Keras publishes none for MobileNetV2; those
 * files are used unverified and a log line says so). The offline switch ({@code GRAFT_OFFLINE=1} or
 * {@code -Dgraft.offline=true}) turns downloads off. The file is then loaded by layer order, as
 * Keras loads it (the residual layers of these models have generated names). For a local file, that
 * file is loaded ({@code .h5}, {@code .weights.h5} or {@code .keras}, see {@link KerasWeights}).
 */
public final class PretrainedWeights {
  private PretrainedWeights() {}

  /**
   * Loads the weights {@code model} was asked for, from Keras's cache, graft's cache or Keras's
   * address (see the class comment); does nothing when none were asked for. The application
   * builders call this; a model built with pretrained weights has them already.
   *
   * @throws UncheckedIOException if the file cannot be fetched or read; the message names the file,
   *     its address and where to put it
   * @throws IllegalArgumentException if the file's weights do not fit the model
   */
  public static void load(ApplicationModel model) {
    load(model, ModelFileCache.defaults());
  }

  static void load(ApplicationModel model, WeightsSource source) {
    try {
      Optional<RemoteFile> spec = model.imagenetWeights();
      Path file = spec.isPresent() ? source.locate(spec.get()) : model.weightsFile().orElse(null);
      if (file == null) {
        return;
      }
      KerasWeights.load(model, file, LoadOptions.defaults());
      model.markWeightsLoaded();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "model '" + model.name() + "': cannot load its weights: " + e.getMessage(), e);
    }
  }

  /**
   * The good local copy of {@code spec} in Keras's cache or graft's, if there is one; never
   * downloads. For example, to use ImageNet weights only when no download is needed:
   *
   * <pre>{@code
   * boolean cached = PretrainedWeights.findCached(Xception.weightSpec(false)).isPresent();
   * }</pre>
   *
   * @throws IOException if a cached file cannot be read to check its hash
   */
  public static Optional<Path> findCached(RemoteFile spec) throws IOException {
    return ModelFileCache.defaults().findCached(spec);
  }

  /**
   * The local copy of {@code spec} from Keras's cache or graft's, downloaded into graft's cache
   * first when neither has a good one (unless downloads are off).
   *
   * @throws IOException if the file cannot be fetched; the message names the file, its address and
   *     the folders to put it in
   */
  public static Path fetch(RemoteFile spec) throws IOException {
    return ModelFileCache.defaults().locate(spec);
  }
}
