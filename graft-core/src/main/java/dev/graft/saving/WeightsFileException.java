package dev.graft.saving;

import java.io.IOException;

/**
 * A weights file that graft cannot read: wrong magic bytes, an unsupported version, a malformed
 * header, missing data or a checksum mismatch. The message names the file and what was expected.
 */
public final class WeightsFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public WeightsFileException(String message) {
    super(message);
  }
}
