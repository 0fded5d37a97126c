package dev.graft.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the shared golden data that tests read in place (never copied into the repository).
 *
 * <p>The folder is {@code shared/} beside the repository checkout (tests run in the module
 * directory, so that is {@code ../../shared}), or wherever the system property or environment
 * variable {@code GRAFT_SHARED} points. A fresh clone has no such folder; tests that need it then
 * skip with a message naming the missing folder.
 */
public final class SharedGolden {
  private SharedGolden() {}

  /** The {@code shared/} folder (which may not exist). */
  public static Path sharedDir() {
    String configured = System.getProperty("GRAFT_SHARED");
    if (configured == null || configured.isEmpty()) {
      configured = System.getenv("GRAFT_SHARED");
    }
    if (configured != null && !configured.isEmpty()) {
      return Paths.get(configured).toAbsolutePath();
    }
    Path module = Paths.get("").toAbsolutePath();
    Path repo = module.getParent();
    Path above = repo == null ? null : repo.getParent();
    return (above == null ? module : above).resolve("shared");
  }

  /** {@code shared/golden/<relative>}, skipping the calling test when it does not exist. */
  public static Path require(String relative) {
    Path p = sharedDir().resolve("golden").resolve(relative);
    assumeTrue(
        Files.exists(p),
        () ->
            "SKIPPED: golden data "
                + p
                + " is missing. These tests read the shared golden folder in place; put it at"
                + " ../../shared from the module directory or set GRAFT_SHARED to the folder"
                + " that holds golden/");
    return p;
  }
}
