package dev.graft.io.download;

import dev.graft.saving.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Fetches {@link RemoteFile}s into a cache folder, like Keras's {@code get_file}.
 *
 * <p>{@link #fetch(RemoteFile)} returns the cached file when it is there and has the expected hash
 * (checked once per JVM for an unchanged file). Otherwise it downloads the file with {@link
 * HttpClient} (following redirects) into a temporary file in the cache folder, showing progress,
 * checks the hash, and only then moves it into place atomically. A wrong hash, an HTTP error, a
 * connection that breaks or stalls: each is a {@link DownloadException} naming the file and its
 * address, and leaves nothing in the cache. Processes sharing a cache cannot corrupt it: each
 * writes its own temporary file and the rename is atomic.
 *
 * <pre>{@code
 * Downloader d = new Downloader(GraftHome.root().resolve("models"));
 * Path weights = d.fetch(new RemoteFile("w.h5", URI.create("https://host/w.h5"), sha256));
 * }</pre>
 */
public final class Downloader {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path cacheDir;
  private final DownloadOptions options;
  private HttpClient client;

  /** A downloader into {@code cacheDir} with {@link DownloadOptions#defaults()}. */
  public Downloader(Path cacheDir) {
    this(cacheDir, DownloadOptions.defaults());
  }

  /** A downloader into {@code cacheDir} (created when first needed) with {@code options}. */
  public Downloader(Path cacheDir, DownloadOptions options) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The cache folder. */
  public Path cacheDir() {
    return cacheDir;
  }

  /** The options. */
  public DownloadOptions options() {
    return options;
  }

  /** Where {@code file} is cached, whether or not it is there yet. */
  public Path cachedPath(RemoteFile file) {
    return cacheDir.resolve(file.fileName());
  }

  /** Where {@code file} is downloaded from: its own address, or the options' base address. */
  public URI source(RemoteFile file) {
    URI base = options.baseUrl();
    return base == null ? file.url() : base.resolve(file.fileName());
  }

  /** {@link #fetch(RemoteFile, boolean)} without forcing a new hash check of a cached file. */
  public Path fetch(RemoteFile file) throws IOException {
    return fetch(file, false);
  }

  /**
   * The cached copy of {@code file}, downloaded first if it is missing or does not have the
   * expected hash.
   *
   * @param reverify hash a cached file even if this JVM has checked it before
   * @throws DownloadException if the download fails or yields the wrong hash, or if downloads are
   *     off and no good copy is cached; the message says where to put the file
   */
  public Path fetch(RemoteFile file, boolean reverify) throws IOException {
    Path target = cachedPath(file);
    if (Files.isRegularFile(target)) {
      if (!reverify && (file.fileHash() == null || FileHashes.verifiedBefore(target, file))) {
        return target;
      }
      String actual = FileHashes.hash(target, file.hashAlgorithm());
      if (file.accepts(actual)) {
        FileHashes.rememberVerified(target, file);
        return target;
      }
      if (options.offline()) {
        throw new DownloadException(
            target
                + " has "
                + file.hashAlgorithm()
                + " "
                + actual
                + ", expected "
                + expected(file)
                + ". Downloads are off (GRAFT_OFFLINE / graft.offline): replace it with a good copy"
                + " from "
                + source(file)
                + ", or delete it and turn downloads on");
      }
      warn(
          target
              + " has "
              + file.hashAlgorithm()
              + " "
              + actual
              + ", expected "
              + expected(file)
              + "; downloading it again");
    } else if (options.offline()) {
      throw new DownloadException(
          file.fileName()
              + " is not in graft's cache and downloads are off (GRAFT_OFFLINE=1 or"
              + " -Dgraft.offline=true). Download "
              + source(file)
              + " and put it in the folder "
              + cacheDir
              + " (as "
              + target
              + "), or turn downloads on");
    }
    Files.createDirectories(cacheDir);
    AtomicFiles.replace(target, tmp -> download(file, tmp));
    FileHashes.rememberVerified(target, file);
    return target;
  }

  /**
   * Whether {@code file} has a hash {@code spec} accepts (always true without a hash). A positive
   * answer is remembered for the unchanged file for the rest of the JVM's life.
   */
  public static boolean hasExpectedHash(Path file, RemoteFile spec) throws IOException {
    if (spec.fileHash() == null || FileHashes.verifiedBefore(file, spec)) {
      return true;
    }
    if (spec.accepts(FileHashes.hash(file, spec.hashAlgorithm()))) {
      FileHashes.rememberVerified(file, spec);
      return true;
    }
    return false;
  }

  private void download(RemoteFile file, Path tmp) throws IOException {
    URI url = source(file);
    HttpResponse<InputStream> response = send(file, url);
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    MessageDigest md = file.fileHash() == null ? null : FileHashes.digest(file.hashAlgorithm());
    DownloadProgress progress =
        new DownloadProgress(options.progress(), options.terminal(), url, length, System::nanoTime);
    long received = 0;
    try (InputStream body = response.body();
        StallWatchdog watchdog = new StallWatchdog(options.readTimeout(), body);
        OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[BUFFER_BYTES];
      try {
        for (int n; (n = body.read(buf)) >= 0; ) {
          watchdog.progressed();
          out.write(buf, 0, n);
          if (md != null) {
            md.update(buf, 0, n);
          }
          received += n;
          progress.update(received);
        }
      } catch (IOException e) {
        progress.abandon();
        String why =
            watchdog.fired()
                ? "no data arrived for " + seconds(options.readTimeout())
                : "the connection broke: " + describe(e);
        throw new DownloadException(
            "download of "
                + file.fileName()
                + " from "
                + url
                + " stopped after "
                + received
                + (length >= 0 ? " of " + length : "")
                + " bytes ("
                + why
                + "); nothing was cached, try again",
            e);
      }
    }
    if (length >= 0 && received != length) {
      progress.abandon();
      throw new DownloadException(
          "download of "
              + file.fileName()
              + " from "
              + url
              + " ended after "
              + received
              + " of "
              + length
              + " bytes; nothing was cached, try again");
    }
    progress.finish(received);
    if (md != null) {
      String actual = HexFormat.of().formatHex(md.digest());
      if (!file.accepts(actual)) {
        throw new DownloadException(
            file.fileName()
                + " downloaded from "
                + url
                + " has "
                + file.hashAlgorithm()
                + " "
                + actual
                + ", expected "
                + expected(file)
                + ". It was not kept: the transfer was corrupted or the server holds another"
                + " version of the file");
      }
    }
  }

  private HttpResponse<InputStream> send(RemoteFile file, URI url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(options.readTimeout())
            .header("User-Agent", "graft")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new DownloadException(
          "no answer from "
              + url
              + " within "
              + seconds(options.readTimeout())
              + " while downloading "
              + file.fileName()
              + "; try again later, or put the file in "
              + cacheDir,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie =
          new InterruptedIOException("download of " + file.fileName() + " interrupted");
      ie.initCause(e);
      throw ie;
    } catch (IOException e) {
      throw new DownloadException(
          "cannot download "
              + file.fileName()
              + " from "
              + url
              + " ("
              + describe(e)
              + "); check the network connection, or download it yourself and put it in "
              + cacheDir,
          e);
    }
    int status = response.statusCode();
    if (status != 200) {
      response.body().close();
      throw new DownloadException(
          "HTTP "
              + status
              + " for "
              + url
              + " while downloading "
              + file.fileName()
              + "; nothing was cached. Check the address, or download the file yourself and put it"
              + " in "
              + cacheDir);
    }
    return response;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(options.connectTimeout())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return client;
  }

  /** The most telling message in {@code e}'s causes; the JDK often wraps them in "closed". */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && !m.equals("closed")) {
        return m;
      }
    }
    return e.getClass().getSimpleName();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  private static String expected(RemoteFile file) {
    StringBuilder sb = new StringBuilder(file.fileHash());
    for (String h : file.alsoAccepted()) {
      sb.append(" or ").append(h);
    }
    return sb.toString();
  }

  private void warn(String message) {
    if (options.progress() != null) {
      options.progress().println("Warning: " + message);
      options.progress().flush();
    }
  }
}
