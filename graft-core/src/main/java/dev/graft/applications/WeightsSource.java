package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an application gets the local copy of a file Keras would fetch with {@code get_file}. The
 * real one is {@link ModelFileCache}; tests give their own folders, server or file.
 */
@FunctionalInterface
interface WeightsSource {
  /**
   * A local, verified copy of {@code spec}.
   *
   * @throws IOException if there is none and it cannot be fetched; the message says what to do
   */
  Path locate(RemoteFile spec) throws IOException;
}
