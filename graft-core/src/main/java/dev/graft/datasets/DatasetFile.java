package dev.graft.datasets;

import dev.graft.io.download.RemoteFile;
import java.net.URI;
import java.util.List;

/**
 * One file of a built-in data set: its name on the server and in the cache, the SHA-256 of the file
 * the server holds, and the SHA-256 of known copies with the same data in other bytes.
 */
record DatasetFile(String name, String sha256, List<String> alsoAccepted) {
  DatasetFile(String name, String sha256) {
    this(name, sha256, List.of());
  }

  /** This file on the server at {@code base}. */
  RemoteFile at(URI base) {
    return new RemoteFile(name, base.resolve(name), sha256, alsoAccepted);
  }
}
