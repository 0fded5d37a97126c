package dev.graft.saving;

/**
 * How {@link KerasWeights#load} matches a file's weights to a model; immutable.
 *
 * <pre>{@code
 * KerasWeights.load(model, Path.of("imagenet.h5"), LoadOptions.defaults().byName(true).skipMismatch(true));
 * }</pre>
 */
public final class LoadOptions {
  private static final LoadOptions DEFAULTS = new LoadOptions(false, false);

  private final boolean byName;
  private final boolean skipMismatch;

  private LoadOptions(boolean byName, boolean skipMismatch) {
    this.byName = byName;
    this.skipMismatch = skipMismatch;
  }

  /** Topological matching, and any mismatch is an error (Keras's defaults). */
  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Legacy {@code .h5} only: match the file's layers to the model's top-level layers by name, as
   * Keras's {@code load_weights(by_name=True)}; model layers absent from the file keep their
   * weights. Otherwise layers with weights are matched in order.
   */
  public LoadOptions byName(boolean value) {
    return new LoadOptions(value, skipMismatch);
  }

  /**
   * Skip, with a warning, weights whose shape (or, by name, layers whose weight count) does not
   * match, instead of failing; the skipped ones are listed in the {@link LoadReport}.
   */
  public LoadOptions skipMismatch(boolean value) {
    return new LoadOptions(byName, value);
  }

  public boolean isByName() {
    return byName;
  }

  public boolean isSkipMismatch() {
    return skipMismatch;
  }

  @Override
  public String toString() {
    return "LoadOptions[byName=" + byName + ", skipMismatch=" + skipMismatch + "]";
  }
}
