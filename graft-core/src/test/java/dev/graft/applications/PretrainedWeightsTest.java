package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.io.Npy;
import dev.graft.io.download.DownloadException;
import dev.graft.io.download.DownloadOptions;
import dev.graft.io.download.RemoteFile;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import dev.graft.saving.KerasWeights;
import dev.graft.tensor.Tensor;
import dev.graft.testing.LocalHttpServer;
import dev.graft.testing.LocalHttpServer.Behaviour;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weights="imagenet"} end to end without the network: Keras's legacy weights file for
 * MobileNetV2 0.35 at 96x96 without the top (the golden {@code model.h5}, written by Keras) is
 * served under Keras's file name from a server on 127.0.0.1, with fake Keras and graft caches in
 * temporary folders.
 */
class PretrainedWeightsTest {
  private static final String FILE =
      "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5";

  @TempDir Path tmp;
  private Path kerasDir;
  private Path graftDir;
  private LocalHttpServer server;
  private Path golden;
  private byte[] bytes;

  @BeforeEach
  void setUp() throws IOException {
    golden = SharedGolden.require("mobilenetv2_035_96");
    bytes = Files.readAllBytes(golden.resolve("model.h5"));
    kerasDir = tmp.resolve("keras/models");
    graftDir = tmp.resolve("graft/models");
    server = new LocalHttpServer();
    LayerNames.reset();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private ModelFileCache cache(boolean offline) {
    DownloadOptions o =
        DownloadOptions.defaults()
            .withOffline(offline)
            .withProgress(null, false)
            .withBaseUrl(server.base());
    return new ModelFileCache(List.of(kerasDir), graftDir, o);
  }

  private static ApplicationModel build(WeightsSource source) {
    LayerNames.reset();
    return MobileNetV2.build(
        0.35,
        ApplicationOptions.defaults()
            .includeTop(false)
            .inputShape(96, 96, 3)
            .weightsSource(source));
  }

  /** The same file loaded directly into a model built without weights. */
  private Tensor directOutputs(Tensor input) throws IOException {
    LayerNames.reset();
    Model m =
        MobileNetV2.build(
            0.35,
            ApplicationOptions.defaults()
                .includeTop(false)
                .inputShape(96, 96, 3)
                .weights((String) null));
    KerasWeights.load(m, golden.resolve("model.h5"));
    return m.apply(input, false);
  }

  /** The spec the build asks for, expecting the MD5 the test computed (Keras publishes none). */
  private static WeightsSource withHash(ModelFileCache cache, String md5) {
    return spec -> cache.locate(new RemoteFile(spec.fileName(), spec.url(), md5));
  }

  private static String md5(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private List<Path> graftFiles() throws IOException {
    if (!Files.isDirectory(graftDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(graftDir)) {
      return s.toList();
    }
  }

  @Test
  void downloadsCachesAndLoadsKerasFile() throws IOException {
    server.serve(FILE, bytes);
    ApplicationModel m = build(cache(false));
    assertTrue(m.weightsLoaded());
    assertEquals(1, server.requests(FILE));
    Path cached = graftDir.resolve(FILE);
    assertArrayEquals(bytes, Files.readAllBytes(cached));
    assertEquals(List.of(cached), graftFiles(), "only the file, no temporary left");
    assertFalse(Files.exists(kerasDir), "Keras's cache is never written");

    Tensor input = Npy.read(golden.resolve("input.npy"));
    float[] got = m.apply(input, false).toFloatArray();
    assertArrayEquals(directOutputs(input).toFloatArray(), got, "same as loading the file");
    // And those are Keras's outputs for these weights (not some other file's).
    float[] keras = Npy.read(golden.resolve("out_inference.npy")).toFloatArray();
    double largest = 0;
    double diff = 0;
    for (int i = 0; i < keras.length; i++) {
      largest = Math.max(largest, Math.abs(keras[i]));
      diff = Math.max(diff, Math.abs(keras[i] - got[i]));
    }
    assertTrue(diff <= 1e-4 * largest, "max diff " + diff + " of " + largest);

    ApplicationModel again = build(cache(true));
    assertTrue(again.weightsLoaded());
    assertEquals(1, server.totalRequests(), "the second build reads the cache (even offline)");
    assertArrayEquals(got, again.apply(input, false).toFloatArray());
  }

  @Test
  void kerasCacheIsUsedWithoutRequest() throws Exception {
    Files.createDirectories(kerasDir);
    Files.write(kerasDir.resolve(FILE), bytes);
    ApplicationModel m = build(cache(true));
    assertTrue(m.weightsLoaded());
    assertEquals(0, server.totalRequests());
    assertEquals(List.of(), graftFiles());
    Tensor input = Npy.read(golden.resolve("input.npy"));
    assertArrayEquals(
        directOutputs(input).toFloatArray(), m.apply(input, false).toFloatArray(), "loaded");
    // With a hash to check, a good copy there is used too.
    assertTrue(build(withHash(cache(true), md5(bytes))).weightsLoaded());
    assertEquals(0, server.totalRequests());
  }

  @Test
  void wrongHashInKerasCacheFallsBackToGraftCache() throws Exception {
    Files.createDirectories(kerasDir);
    byte[] damaged = bytes.clone();
    damaged[damaged.length / 2] ^= 1;
    Path keras = Files.write(kerasDir.resolve(FILE), damaged);
    server.serve(FILE, bytes);
    ApplicationModel m = build(withHash(cache(false), md5(bytes)));
    assertTrue(m.weightsLoaded());
    assertEquals(1, server.requests(FILE));
    assertArrayEquals(bytes, Files.readAllBytes(graftDir.resolve(FILE)));
    assertArrayEquals(damaged, Files.readAllBytes(keras), "Keras's cache is left as it is");
  }

  @Test
  void wrongHashIsRejectedAndNotCached() throws Exception {
    byte[] damaged = bytes.clone();
    damaged[100] ^= 1;
    server.serve(FILE, damaged);
    String expected = md5(bytes);
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> build(withHash(cache(false), expected)));
    assertInstanceOf(DownloadException.class, e.getCause());
    String msg = e.getMessage();
    assertTrue(msg.contains(FILE) && msg.contains(expected) && msg.contains(md5(damaged)), msg);
    assertEquals(List.of(), graftFiles(), "nothing cached");
  }

  @Test
  void droppedConnectionLeavesNothing() throws IOException {
    server.serve(FILE, bytes, Behaviour.DROP_HALFWAY);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> build(cache(false)));
    assertInstanceOf(DownloadException.class, e.getCause());
    assertTrue(e.getMessage().contains(FILE), e.getMessage());
    assertEquals(List.of(), graftFiles(), "nothing cached");
  }

  @Test
  void offlineWithoutFileSaysWhereToPutIt() {
    server.serve(FILE, bytes);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> build(cache(true)));
    String msg = e.getMessage();
    assertTrue(msg.contains(FILE), msg);
    assertTrue(
        msg.contains(
            "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/" + FILE),
        msg);
    assertTrue(msg.contains(graftDir.toString()) && msg.contains(kerasDir.toString()), msg);
    assertTrue(msg.contains("GRAFT_OFFLINE"), msg);
    assertEquals(0, server.totalRequests());
  }

  @Test
  void findCachedNeverDownloads() throws Exception {
    server.serve(FILE, bytes);
    RemoteFile spec = MobileNetV2.weightSpec(0.35, 96, false);
    assertTrue(cache(false).findCached(spec).isEmpty());
    assertEquals(0, server.totalRequests());
    Path got = cache(false).locate(spec);
    assertEquals(got, cache(false).findCached(spec).orElseThrow());
    RemoteFile wrong = new RemoteFile(FILE, spec.url(), md5(new byte[] {1}));
    assertTrue(cache(false).findCached(wrong).isEmpty(), "a copy with another hash is not used");
  }

  @Test
  void kerasHomeAsKeras() {
    assertEquals(Path.of("/k"), ModelFileCache.kerasHome("/k", "/home/u"));
    assertEquals(Path.of("/home/u/.keras"), ModelFileCache.kerasHome(null, "/home/u"));
    assertEquals(Path.of("/home/u/.keras"), ModelFileCache.kerasHome("", "/home/u"));
  }
}
