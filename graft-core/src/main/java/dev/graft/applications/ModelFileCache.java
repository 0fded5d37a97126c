package dev.graft.applications;

import dev.graft.datasets.GraftHome;
import dev.graft.io.download.DownloadException;
import dev.graft.io.download.DownloadOptions;
import dev.graft.io.download.Downloader;
import dev.graft.io.download.RemoteFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of Keras's applications (weights, the ImageNet class index) on this machine: first
 * Keras's own cache, so that a machine that ever ran Keras downloads nothing, then graft's, and
 * otherwise a download into graft's cache.
 *
 * <p>Keras's cache is only read, never written: a copy there with the wrong hash is reported and
 * passed over. Files for which Keras publishes no hash (MobileNetV2's weights) are used unverified,
 * as Keras does, and a log line says so.
 */
final class ModelFileCache implements WeightsSource {
  private static final System.Logger LOG = System.getLogger("dev.graft.applications");

  private final List<Path> kerasDirs;
  private final Downloader downloader;

  /**
   * @param kerasDirs Keras's cache folders to look in first ({@code <keras home>/models})
   * @param graftDir graft's cache folder, where downloads go
   * @param options the download options (offline switch, base address, progress)
   */
  ModelFileCache(List<Path> kerasDirs, Path graftDir, DownloadOptions options) {
    this.kerasDirs = List.copyOf(kerasDirs);
    this.downloader = new Downloader(Objects.requireNonNull(graftDir, "graftDir"), options);
  }

  /**
   * Keras's cache {@code <keras home>/models} (Keras's home is {@code $KERAS_HOME}, else {@code
   * ~/.keras}, as in Keras's {@code get_file}) and graft's {@code GraftHome.root()/models}, with
   * {@link DownloadOptions#defaults()}.
   */
  static ModelFileCache defaults() {
    return new ModelFileCache(
        List.of(
            kerasHome(System.getenv("KERAS_HOME"), System.getProperty("user.home"))
                .resolve("models")),
        GraftHome.root().resolve("models"),
        DownloadOptions.defaults());
  }

  /** Keras's {@code keras_home()}: {@code $KERAS_HOME} when set, else {@code ~/.keras}. */
  static Path kerasHome(String kerasHomeEnv, String userHome) {
    if (kerasHomeEnv != null && !kerasHomeEnv.isEmpty()) {
      return Path.of(kerasHomeEnv);
    }
    return Path.of(userHome, ".keras");
  }

  /** Graft's cache folder. */
  Path graftDir() {
    return downloader.cacheDir();
  }

  /** Keras's cache folders. */
  List<Path> kerasDirs() {
    return kerasDirs;
  }

  /** A good copy in Keras's cache, then in graft's; empty when neither has one. Never downloads. */
  Optional<Path> findCached(RemoteFile spec) throws IOException {
    Optional<Path> keras = inKerasCache(spec);
    if (keras.isPresent()) {
      return keras;
    }
    Path graft = downloader.cachedPath(spec);
    if (Files.isRegularFile(graft) && Downloader.hasExpectedHash(graft, spec)) {
      return Optional.of(graft);
    }
    return Optional.empty();
  }

  /**
   * The copy in Keras's cache if it is good, else graft's cached or freshly downloaded copy.
   *
   * @throws DownloadException if the download fails, or downloads are off and no cache has the
   *     file; the message names the file, its address and the folders to put it in
   */
  @Override
  public Path locate(RemoteFile spec) throws IOException {
    Optional<Path> keras = inKerasCache(spec);
    if (keras.isPresent()) {
      return keras.get();
    }
    Path graft = downloader.cachedPath(spec);
    if (downloader.options().offline() && !Files.isRegularFile(graft)) {
      throw new DownloadException(missingOffline(spec));
    }
    if (spec.fileHash() == null && !Files.isRegularFile(graft)) {
      LOG.log(
          Level.INFO,
          "Keras publishes no hash for {0}; downloading it without verification",
          spec.fileName());
    }
    return downloader.fetch(spec);
  }

  private Optional<Path> inKerasCache(RemoteFile spec) throws IOException {
    for (Path dir : kerasDirs) {
      Path candidate = dir.resolve(spec.fileName());
      if (!Files.isRegularFile(candidate)) {
        continue;
      }
      if (spec.fileHash() == null) {
        LOG.log(
            Level.INFO,
            "using {0} from Keras''s cache unverified: Keras publishes no hash for this file",
            candidate);
        return Optional.of(candidate);
      }
      if (Downloader.hasExpectedHash(candidate, spec)) {
        return Optional.of(candidate);
      }
      LOG.log(
          Level.WARNING,
          "{0} in Keras''s cache does not have the {1} Keras publishes ({2}); leaving it as it is"
              + " and using graft''s cache ({3}) instead",
          candidate,
          spec.hashAlgorithm(),
          spec.fileHash(),
          graftDir());
    }
    return Optional.empty();
  }

  private String missingOffline(RemoteFile spec) {
    StringBuilder folders = new StringBuilder();
    folders.append(graftDir());
    for (Path k : kerasDirs) {
      folders.append(" or ").append(k);
    }
    String from = spec.url().toString();
    String source = downloader.source(spec).toString();
    return spec.fileName()
        + " is in neither Keras's cache ("
        + (kerasDirs.isEmpty() ? "none" : joined(kerasDirs))
        + ") nor graft's ("
        + graftDir()
        + "), and downloads are off (GRAFT_OFFLINE=1 or -Dgraft.offline=true). Download "
        + from
        + (source.equals(from) ? "" : " (here from " + source + ")")
        + " and put it in "
        + folders
        + " under that name, or turn downloads on";
  }

  private static String joined(List<Path> dirs) {
    StringBuilder sb = new StringBuilder();
    for (Path d : dirs) {
      sb.append(sb.length() == 0 ? "" : ", ").append(d);
    }
    return sb.toString();
  }
}
