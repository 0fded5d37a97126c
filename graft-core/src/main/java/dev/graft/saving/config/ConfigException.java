package dev.graft.saving.config;

/**
 * A model config that graft cannot read or a model it cannot write as a Keras config. The message
 * names the layer (and its type) where possible and says what to do.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error about one layer: {@code layer 'name' (Type): message}. */
  static ConfigException at(String layerName, String type, String message) {
    return new ConfigException("layer '" + layerName + "' (" + type + "): " + message);
  }
}
