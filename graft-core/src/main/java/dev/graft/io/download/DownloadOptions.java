package dev.graft.io.download;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link Downloader} works: whether it may download at all, its timeouts, where progress
 * goes, and an optional base address that replaces each file's own folder (for mirrors and tests).
 *
 * <pre>{@code
 * DownloadOptions quiet = DownloadOptions.defaults().withProgress(null, false);
 * DownloadOptions mirror = DownloadOptions.defaults().withBaseUrl(URI.create("http://host/files/"));
 * }</pre>
 *
 * @param offline when true, nothing is downloaded: a file missing from the cache is an error that
 *     says where to put it
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the response, and then for each further piece of the body
 * @param progress where the progress bar goes, or null for none
 * @param terminal whether {@code progress} is a terminal, where the bar is redrawn in place
 * @param baseUrl when non-null, files come from {@code baseUrl + fileName} instead of their own
 *     address
 */
public record DownloadOptions(
    boolean offline,
    Duration connectTimeout,
    Duration readTimeout,
    PrintStream progress,
    boolean terminal,
    URI baseUrl) {

  /** Validates the timeouts and the base address, which gets a trailing slash if it lacks one. */
  public DownloadOptions {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    if (baseUrl != null) {
      String s = baseUrl.toString();
      baseUrl = s.endsWith("/") ? baseUrl : URI.create(s + "/");
    }
  }

  /**
   * The defaults: offline if {@code -Dgraft.offline=true} or {@code GRAFT_OFFLINE=1} is set (the
   * property wins when both are), 30-second timeouts, progress on standard error, no base address.
   */
  public static DownloadOptions defaults() {
    return new DownloadOptions(
        offline(System.getProperty("graft.offline"), System.getenv("GRAFT_OFFLINE")),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        System.err,
        StandardError.isTerminal(),
        null);
  }

  /** These options with downloads turned off or on. */
  public DownloadOptions withOffline(boolean off) {
    return new DownloadOptions(off, connectTimeout, readTimeout, progress, terminal, baseUrl);
  }

  /** These options with other timeouts. */
  public DownloadOptions withTimeouts(Duration connect, Duration read) {
    return new DownloadOptions(offline, connect, read, progress, terminal, baseUrl);
  }

  /** These options with progress going to {@code out} (null: none). */
  public DownloadOptions withProgress(PrintStream out, boolean isTerminal) {
    return new DownloadOptions(offline, connectTimeout, readTimeout, out, isTerminal, baseUrl);
  }

  /** These options with every file fetched from {@code base + fileName} (null: own addresses). */
  public DownloadOptions withBaseUrl(URI base) {
    return new DownloadOptions(offline, connectTimeout, readTimeout, progress, terminal, base);
  }

  /** Whether the property value, else the environment value, says "offline". */
  static boolean offline(String property, String environment) {
    String v = property != null && !property.isBlank() ? property : environment;
    if (v == null) {
      return false;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "DownloadOptions: " + name + " must be positive, got " + d);
    }
  }
}
