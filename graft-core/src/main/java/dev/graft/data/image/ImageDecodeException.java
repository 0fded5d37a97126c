package dev.graft.data.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be decoded into an image: empty, truncated, not an image, an unsupported
 * format, or too large. The message names the file and the reason; {@link #file()} and {@link
 * #reason()} give them separately, {@link #getCause()} the reader's exception if there was one.
 */
public final class ImageDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  public ImageDecodeException(Path file, String reason) {
    this(file, reason, null);
  }

  public ImageDecodeException(Path file, String reason, Throwable cause) {
    super("cannot decode image " + file + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file, or a name standing for the bytes that were decoded. */
  public Path file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
