package dev.graft.io.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.testing.LocalHttpServer;
import dev.graft.testing.LocalHttpServer.Behaviour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path cache;
  private LocalHttpServer server;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final byte[] content = randomBytes(300_000, 7);

  @BeforeEach
  void start() throws IOException {
    server = new LocalHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The JDK's digest of {@code bytes}, independent of the code under test. */
  static String hex(String algorithm, byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  private DownloadOptions options(boolean terminal) {
    return DownloadOptions.defaults()
        .withOffline(false)
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
        .withProgress(new PrintStream(log, true, StandardCharsets.UTF_8), terminal);
  }

  private Downloader downloader() {
    return new Downloader(cache, options(false));
  }

  private RemoteFile file(String name, String hash) {
    return new RemoteFile(name, server.url(name), hash);
  }

  private String output() {
    return log.toString(StandardCharsets.UTF_8);
  }

  private List<String> cacheListing() throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void downloadsVerifiesCachesAndTheSecondFetchMakesNoRequest() throws Exception {
    server.serve("data.bin", content);
    RemoteFile f = file("data.bin", hex("SHA-256", content));
    Path p = downloader().fetch(f);
    assertEquals(cache.resolve("data.bin"), p);
    assertArrayEquals(content, Files.readAllBytes(p));
    assertEquals(1, server.requests("data.bin"));
    assertEquals(List.of("data.bin"), cacheListing(), "no temporary file is left");

    // A new downloader too (same JVM): the cached file is used, with no request.
    assertEquals(p, new Downloader(cache, options(false)).fetch(f));
    assertEquals(p, downloader().fetch(f, true), "re-hashing on request still needs no download");
    assertEquals(1, server.requests("data.bin"));

    String out = output();
    assertTrue(out.contains("Downloading data from " + server.url("data.bin")), out);
    assertTrue(out.contains("300.0/300.0 kB"), out);
    assertTrue(out.contains("100%"), out);
    assertEquals(2, out.lines().count(), "off a terminal: the address and one final line\n" + out);
  }

  @Test
  void keepsFilesWithAnMd5HashAsKerasGives() throws Exception {
    server.serve("m.bin", content);
    Path p = downloader().fetch(file("m.bin", hex("MD5", content)));
    assertArrayEquals(content, Files.readAllBytes(p));
  }

  @Test
  void wrongHashIsRejectedNamingAddressAndBothHashesAndNothingIsCached() throws Exception {
    byte[] corrupted = content.clone();
    corrupted[1234] ^= 1;
    server.serve("data.bin", corrupted);
    String expected = hex("SHA-256", content);
    DownloadException e =
        assertThrows(DownloadException.class, () -> downloader().fetch(file("data.bin", expected)));
    String m = e.getMessage();
    assertTrue(m.contains(server.url("data.bin").toString()), m);
    assertTrue(m.contains(expected), m);
    assertTrue(m.contains(hex("SHA-256", corrupted)), m);
    assertEquals(List.of(), cacheListing());
  }

  @Test
  void aConnectionDroppedMidBodyGivesAClearErrorAndLeavesNothing() throws Exception {
    server.serve("data.bin", content, Behaviour.DROP_HALFWAY);
    DownloadException e =
        assertThrows(
            DownloadException.class,
            () -> downloader().fetch(file("data.bin", hex("SHA-256", content))));
    String m = e.getMessage();
    assertTrue(m.contains("data.bin") && m.contains(server.url("data.bin").toString()), m);
    assertTrue(m.contains("of 300000 bytes") && m.contains("nothing was cached"), m);
    assertTrue(m.contains("the connection broke"), m);
    assertEquals(List.of(), cacheListing());
  }

  @Test
  void aBodyThatStallsTimesOutAndLeavesNothing() throws Exception {
    server.serve("data.bin", content, Behaviour.STALL_HALFWAY);
    Downloader d =
        new Downloader(
            cache, options(false).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
    DownloadException e =
        assertThrows(DownloadException.class, () -> d.fetch(file("data.bin", null)));
    assertTrue(e.getMessage().contains("no data arrived"), e.getMessage());
    assertEquals(List.of(), cacheListing());
  }

  @Test
  void http404NamesStatusAndAddress() throws Exception {
    DownloadException e =
        assertThrows(DownloadException.class, () -> downloader().fetch(file("missing.bin", null)));
    String m = e.getMessage();
    assertTrue(m.contains("HTTP 404") && m.contains(server.url("missing.bin").toString()), m);
    assertTrue(m.contains(cache.toAbsolutePath().toString()), m);
    assertEquals(List.of(), cacheListing());
  }

  @Test
  void offlineMissingFileNamesTheFileTheAddressAndTheFolder() throws Exception {
    server.serve("data.bin", content);
    Downloader d = new Downloader(cache, options(false).withOffline(true));
    DownloadException e =
        assertThrows(DownloadException.class, () -> d.fetch(file("data.bin", null)));
    String m = e.getMessage();
    assertTrue(m.contains("data.bin"), m);
    assertTrue(m.contains(server.url("data.bin").toString()), m);
    assertTrue(m.contains("put it in the folder " + cache.toAbsolutePath()), m);
    assertTrue(m.contains("GRAFT_OFFLINE"), m);
    assertEquals(0, server.totalRequests());
  }

  @Test
  void offlineStillServesCachedFiles() throws Exception {
    Files.write(cache.resolve("data.bin"), content);
    Downloader d = new Downloader(cache, options(false).withOffline(true));
    assertEquals(cache.resolve("data.bin"), d.fetch(file("data.bin", hex("SHA-256", content))));
    assertEquals(0, server.totalRequests());
  }

  @Test
  void aCorruptedCachedFileIsDownloadedAgainOrReportedWhenOffline() throws Exception {
    byte[] bad = content.clone();
    bad[0] ^= 1;
    Path target = cache.resolve("data.bin");
    Files.write(target, bad);
    RemoteFile f = file("data.bin", hex("SHA-256", content));

    Downloader offline = new Downloader(cache, options(false).withOffline(true));
    DownloadException e = assertThrows(DownloadException.class, () -> offline.fetch(f));
    assertTrue(e.getMessage().contains(hex("SHA-256", bad)), e.getMessage());

    server.serve("data.bin", content);
    assertArrayEquals(content, Files.readAllBytes(downloader().fetch(f)));
    assertEquals(1, server.requests("data.bin"));
    assertTrue(output().contains("downloading it again"), output());
  }

  @Test
  void aCachedFileChangedAfterVerificationIsCheckedAgain() throws Exception {
    server.serve("data.bin", content);
    RemoteFile f = file("data.bin", hex("SHA-256", content));
    Path p = downloader().fetch(f);
    byte[] bad = content.clone();
    bad[9] ^= 1;
    Files.write(p, bad);
    Files.setLastModifiedTime(
        p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5000));
    assertArrayEquals(content, Files.readAllBytes(downloader().fetch(f)));
    assertEquals(2, server.requests("data.bin"));
  }

  @Test
  void unknownLengthAndRedirectsWork() throws Exception {
    server.serve("chunked.bin", content, Behaviour.CHUNKED);
    server.redirect("old/place.bin", "chunked.bin");
    RemoteFile f =
        new RemoteFile("moved.bin", server.url("old/place.bin"), hex("SHA-256", content));
    assertArrayEquals(content, Files.readAllBytes(downloader().fetch(f)));
    assertEquals(1, server.requests("old/place.bin"));
    assertEquals(1, server.requests("chunked.bin"));
    String last = output().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("300.0 kB ") && !last.contains("%"), last);
  }

  @Test
  void onATerminalTheBarRedrawsInPlace() throws Exception {
    server.serve("data.bin", content);
    new Downloader(cache, options(true)).fetch(file("data.bin", null));
    String out = output();
    assertTrue(out.contains("\r300.0/300.0 kB"), out);
    assertTrue(out.contains("━") && out.contains(" 100%"), out);
    assertTrue(out.endsWith(System.lineSeparator()), "the bar's line is ended");
  }

  @Test
  void baseUrlOverridesTheFilesOwnAddress() throws Exception {
    server.serve("data.bin", content);
    RemoteFile f =
        new RemoteFile(
            "data.bin", URI.create("https://host.invalid/x/data.bin"), hex("SHA-256", content));
    Downloader d = new Downloader(cache, options(false).withBaseUrl(server.base()));
    assertEquals(server.url("data.bin"), d.source(f));
    assertArrayEquals(content, Files.readAllBytes(d.fetch(f)));
  }

  @Test
  void concurrentFetchesOfOneFileAllGetTheWholeFile() throws Exception {
    server.serve("data.bin", content);
    RemoteFile f = file("data.bin", hex("SHA-256", content));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Downloader d = new Downloader(cache, options(false).withProgress(null, false));
        results.add(pool.submit(() -> d.fetch(f)));
      }
      for (Future<Path> r : results) {
        assertArrayEquals(content, Files.readAllBytes(r.get()));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of("data.bin"), cacheListing());
  }

  @Test
  void offlineSwitchReadsThePropertyFirstThenTheEnvironment() {
    assertTrue(DownloadOptions.offline("true", null));
    assertTrue(DownloadOptions.offline(null, "1"));
    assertFalse(DownloadOptions.offline("false", "1"));
    assertFalse(DownloadOptions.offline(null, "0"));
    assertFalse(DownloadOptions.offline(null, null));
  }

  @Test
  void remoteFileValidatesNameAddressAndHash() {
    URI u = URI.create("https://example.org/f");
    assertThrows(IllegalArgumentException.class, () -> new RemoteFile("a/b", u, null));
    assertThrows(IllegalArgumentException.class, () -> new RemoteFile("..", u, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RemoteFile("f", URI.create("ftp://example.org/f"), null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("f", u, "abc123"));
    assertTrue(e.getMessage().contains("abc123"), e.getMessage());
    assertEquals("MD5", new RemoteFile("f", u, "0".repeat(32)).hashAlgorithm());
    assertEquals("SHA-256", new RemoteFile("f", u, "A".repeat(64)).hashAlgorithm());
    assertTrue(new RemoteFile("f", u, "A".repeat(64)).accepts("a".repeat(64)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RemoteFile("f", u, "0".repeat(64), List.of("0".repeat(32))));
  }

  @Test
  void sizesPrintInDecimalUnits() {
    assertEquals("512 B", DownloadProgress.size(512));
    assertEquals("29.5 kB", DownloadProgress.size(29_515));
    assertEquals("26.4 MB", DownloadProgress.size(26_421_880));
    assertEquals("12.6/26.4 MB", DownloadProgress.sizes(12_600_000, 26_421_880));
  }
}
