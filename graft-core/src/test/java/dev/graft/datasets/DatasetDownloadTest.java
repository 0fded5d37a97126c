package dev.graft.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.io.download.DownloadOptions;
import dev.graft.testing.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets' files from a local server into a temporary cache: no real network. */
class DatasetDownloadTest {
  private static final String[] FASHION_NAMES = {
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"
  };

  @TempDir Path root;
  @TempDir Path debian;
  private LocalHttpServer server;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  // Train: 3 images of 2x2, labels 4 0 9; test: 2 images, labels 1 7.
  private final byte[] trainPixels = {0, 1, 2, 3, 10, 20, 30, 40, (byte) 255, (byte) 128, 5, 6};
  private final byte[] trainLabels = {4, 0, 9};
  private final byte[] testPixels = {9, 8, 7, 6, 5, 4, 3, 2};
  private final byte[] testLabels = {1, 7};
  private byte[][] fashionFiles;

  @BeforeEach
  void start() throws IOException {
    server = new LocalHttpServer();
    fashionFiles =
        new byte[][] {
          gzip(IdxTest.idx(new int[] {3, 2, 2}, trainPixels)),
          gzip(IdxTest.idx(new int[] {3}, trainLabels)),
          gzip(IdxTest.idx(new int[] {2, 2, 2}, testPixels)),
          gzip(IdxTest.idx(new int[] {2}, testLabels))
        };
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A uint8 .npy file written by hand from the format's description. */
  static byte[] npyUint8(int[] shape, byte[] values) {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int headerLength = (10 + dict.length() + 1 + 63) / 64 * 64 - 10;
    String header = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + headerLength + values.length);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) headerLength).put(header.getBytes(StandardCharsets.US_ASCII)).put(values);
    return b.array();
  }

  private byte[] mnistNpz(boolean withTestLabels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("x_train.npy"));
      zip.write(npyUint8(new int[] {3, 2, 2}, trainPixels));
      zip.putNextEntry(new ZipEntry("y_train.npy"));
      zip.write(npyUint8(new int[] {3}, trainLabels));
      zip.putNextEntry(new ZipEntry("x_test.npy"));
      zip.write(npyUint8(new int[] {2, 2, 2}, testPixels));
      if (withTestLabels) {
        zip.putNextEntry(new ZipEntry("y_test.npy"));
        zip.write(npyUint8(new int[] {2}, testLabels));
      }
    }
    return bytes.toByteArray();
  }

  private DatasetSource source(boolean offline) {
    DownloadOptions options =
        DownloadOptions.defaults()
            .withOffline(offline)
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
            .withProgress(new PrintStream(log, true, StandardCharsets.UTF_8), false);
    return new DatasetSource(server.base(), root, debian, options);
  }

  private List<DatasetFile> fashionSpecs() throws NoSuchAlgorithmException {
    List<DatasetFile> specs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      specs.add(new DatasetFile(FASHION_NAMES[i], sha256(fashionFiles[i])));
    }
    return specs;
  }

  private void serveFashion() {
    for (int i = 0; i < 4; i++) {
      server.serve(FASHION_NAMES[i], fashionFiles[i]);
    }
  }

  private static float[] floats(byte[] bytes) {
    float[] f = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      f[i] = bytes[i] & 0xff;
    }
    return f;
  }

  private void assertTheSmallSet(TrainTest data) {
    assertArrayEquals(new int[] {3, 2, 2}, data.train().images().shape().dims());
    assertArrayEquals(floats(trainPixels), data.train().images().toFloatArray());
    assertArrayEquals(floats(trainLabels), data.train().labels().toFloatArray());
    assertArrayEquals(new int[] {2, 2, 2}, data.test().images().shape().dims());
    assertArrayEquals(floats(testPixels), data.test().images().toFloatArray());
    assertArrayEquals(floats(testLabels), data.test().labels().toFloatArray());
  }

  private List<String> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fashionMnistDownloadsVerifiesAndCachesEachFileOnce() throws Exception {
    serveFashion();
    assertTheSmallSet(source(false).fashionMnist(fashionSpecs()));
    assertEquals(4, server.totalRequests());
    assertEquals(
        List.of(FASHION_NAMES).stream().sorted().toList(), listing(root.resolve("fashion-mnist")));
    assertTrue(
        log.toString(StandardCharsets.UTF_8).contains("Downloading data from " + server.base()));

    assertTheSmallSet(source(false).fashionMnist(fashionSpecs()));
    assertTheSmallSet(source(true).fashionMnist(fashionSpecs()));
    assertEquals(4, server.totalRequests(), "the cached files are used");
  }

  @Test
  void aVerifiedDebianCopyIsUsedAndABadOneIgnored() throws Exception {
    serveFashion();
    List<DatasetFile> specs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // As for the real files: Debian's copy holds the same data in other gzip bytes.
      byte[] repacked = fashionFiles[i].clone();
      repacked[4] = 1; // the gzip header's modification time
      Files.write(debian.resolve(FASHION_NAMES[i]), repacked);
      specs.add(
          new DatasetFile(FASHION_NAMES[i], sha256(fashionFiles[i]), List.of(sha256(repacked))));
    }
    Files.write(debian.resolve(FASHION_NAMES[3]), new byte[] {1, 2, 3}); // damaged
    assertTheSmallSet(source(false).fashionMnist(specs));
    assertEquals(0, server.requests(FASHION_NAMES[0]));
    assertEquals(1, server.requests(FASHION_NAMES[3]), "only the damaged copy is downloaded");
    assertEquals(List.of(FASHION_NAMES[3]), listing(root.resolve("fashion-mnist")));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("does not have the expected SHA-256"));
  }

  @Test
  void aCorruptedDownloadIsRejectedAndNotCached() throws Exception {
    serveFashion();
    byte[] bad = fashionFiles[0].clone();
    bad[bad.length - 9] ^= 1;
    server.serve(FASHION_NAMES[0], bad);
    List<DatasetFile> specs = fashionSpecs();
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> source(false).fashionMnist(specs));
    String m = e.getMessage();
    assertTrue(m.contains(server.url(FASHION_NAMES[0]).toString()), m);
    assertTrue(m.contains(sha256(fashionFiles[0])) && m.contains(sha256(bad)), m);
    assertEquals(List.of(), listing(root.resolve("fashion-mnist")));
  }

  @Test
  void offlineWithoutFilesSaysWhereToPutThem() throws Exception {
    serveFashion();
    List<DatasetFile> specs = fashionSpecs();
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> source(true).fashionMnist(specs));
    String m = e.getMessage();
    assertTrue(m.contains(FASHION_NAMES[0]), m);
    assertTrue(m.contains(server.url(FASHION_NAMES[0]).toString()), m);
    assertTrue(m.contains("put it in the folder " + root.resolve("fashion-mnist")), m);
    assertTrue(m.contains("dataset-fashion-mnist"), m);
    assertEquals(0, server.totalRequests());
  }

  @Test
  void mnistReadsTheNpzLikeKerasLoadData() throws Exception {
    byte[] npz = mnistNpz(true);
    server.serve("mnist.npz", npz);
    DatasetFile spec = new DatasetFile("mnist.npz", sha256(npz));
    assertTheSmallSet(source(false).mnist(spec));
    assertTrue(Files.isRegularFile(root.resolve("mnist/mnist.npz")));
    assertTheSmallSet(source(true).mnist(spec));
    assertEquals(1, server.requests("mnist.npz"));
  }

  @Test
  void mnistNamesAMissingArray() throws Exception {
    byte[] npz = mnistNpz(false);
    server.serve("mnist.npz", npz);
    DatasetFile spec = new DatasetFile("mnist.npz", sha256(npz));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> source(false).mnist(spec));
    assertTrue(e.getMessage().contains("mnist.npz") && e.getMessage().contains("'y_test'"));
  }

  @Test
  void mnistMissingOnTheServerGivesTheHttpStatus() throws Exception {
    DatasetFile spec = new DatasetFile("mnist.npz", "0".repeat(64));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> source(false).mnist(spec));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertFalse(e.getMessage().contains("dataset-mnist"), "there is no Debian package to suggest");
  }

  @Test
  void theBuiltInFilesComeFromKerasServer() {
    assertEquals(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
        Datasets.MNIST_FILE.at(DatasetSource.KERAS_BASE).url().toString());
    assertEquals(4, Datasets.FASHION_MNIST_FILES.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(FASHION_NAMES[i], Datasets.FASHION_MNIST_FILES.get(i).name());
    }
  }
}
