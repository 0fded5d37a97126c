package dev.graft.datasets;

import java.nio.file.Path;

/**
 * graft's cache folder: {@code $GRAFT_HOME}, else the system property {@code graft.home}, else
 * {@code ~/.graft}.
 */
public final class GraftHome {
  private GraftHome() {}

  /** The cache root. */
  public static Path root() {
    String prop = System.getProperty("graft.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("GRAFT_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".graft");
  }

  /** Where built-in data sets are cached: {@code root()/datasets}. */
  public static Path datasets() {
    return root().resolve("datasets");
  }
}
