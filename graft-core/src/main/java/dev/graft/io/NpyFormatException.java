package dev.graft.io;

import java.io.IOException;

/**
 * A {@code .npy} file that graft cannot read: bad magic, an unsupported version or dtype, a
 * malformed header, Fortran order, or fewer data bytes than the header promises. The message names
 * the file and what was expected.
 */
public final class NpyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public NpyFormatException(String message) {
    super(message);
  }
}
