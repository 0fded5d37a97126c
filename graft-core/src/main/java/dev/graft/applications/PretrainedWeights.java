package dev.graft.applications;

import java.lang.System.Logger.Level;

/**
 * The one place where an application model gets the weights it was asked for.
 *
 * <p>Not wired yet: graft cannot read Keras weight files into models until the {@code .h5} reader
 * lands. Until then {@link #load} leaves the layers' initial weights in place, logs a warning that
 * names the file, and {@link ApplicationModel#weightsLoaded()} stays false.
 */
public final class PretrainedWeights {
  private static final System.Logger LOG = System.getLogger("dev.graft.applications");

  private PretrainedWeights() {}

  /**
   * Loads the weights {@code model} was asked for: for ImageNet, the file of {@link
   * ApplicationModel#imagenetWeights()} from graft's cache (downloading it from its address and
   * checking its MD5 on first use); for a local file, that file. Keras loads application weight
   * files by layer order (their residual layers are unnamed). Does nothing when no weights were
   * asked for.
   */
  public static void load(ApplicationModel model) {
    // Glue point: fetch + hash-check RemoteFile into the cache, then read the legacy .h5 into the
    // model by layer order, then model.markWeightsLoaded().
    model
        .imagenetWeights()
        .ifPresent(
            spec ->
                LOG.log(
                    Level.WARNING,
                    "model ''{0}'': ImageNet weights are not loaded yet ({1} from {2}); the layers"
                        + " keep their initial weights",
                    model.name(),
                    spec.fileName(),
                    spec.url()));
    model
        .weightsFile()
        .ifPresent(
            file ->
                LOG.log(
                    Level.WARNING,
                    "model ''{0}'': loading weights from {1} is not wired yet; the layers keep"
                        + " their initial weights",
                    model.name(),
                    file));
  }
}
