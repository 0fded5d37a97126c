package dev.graft.io.download;

import java.io.IOException;

/**
 * A file could not be fetched: an HTTP error, a broken connection, a hash that does not match, or a
 * missing file while downloads are off. The message names the file, its address and what to do.
 */
public final class DownloadException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An error with a message that names the file, its address and what to do. */
  public DownloadException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}. */
  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
