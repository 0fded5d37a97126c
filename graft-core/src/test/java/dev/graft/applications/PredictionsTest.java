package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.io.download.DownloadException;
import dev.graft.io.download.DownloadOptions;
import dev.graft.io.download.RemoteFile;
import dev.graft.tensor.Tensor;
import dev.graft.testing.LocalHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decodePredictions with a small class index in Keras's imagenet_class_index.json format. */
class PredictionsTest {
  @TempDir Path dir;

  private ClassIndex index() throws IOException {
    Path f = dir.resolve("index.json");
    Files.writeString(
        f,
        "{\"0\": [\"n01440764\", \"tench\"], \"2\": [\"n01484850\", \"great_white_shark\"],\n"
            + " \"1\": [\"n01443537\", \"goldfish\"], \"3\": [\"n01491361\", \"tiger \\\"shark\\\"\"]}");
    return ClassIndex.read(f);
  }

  @Test
  void topClassesBestFirst() throws IOException {
    ClassIndex index = index();
    assertEquals(4, index.size());
    assertEquals("tiger \"shark\"", index.description(3));
    Tensor preds = Tensor.of(new float[] {0.1f, 0.6f, 0.05f, 0.25f, 0.4f, 0.1f, 0.3f, 0.2f}, 2, 4);
    List<List<Prediction>> out = Predictions.decode(preds, 2, index);
    assertEquals(2, out.size());
    assertEquals(new Prediction(1, "n01443537", "goldfish", 0.6f), out.get(0).get(0));
    assertEquals(new Prediction(3, "n01491361", "tiger \"shark\"", 0.25f), out.get(0).get(1));
    assertEquals(new Prediction(0, "n01440764", "tench", 0.4f), out.get(1).get(0));
    assertEquals(new Prediction(2, "n01484850", "great_white_shark", 0.3f), out.get(1).get(1));
  }

  @Test
  void tiesKeepIndexOrder() throws IOException {
    List<Prediction> top =
        Predictions.decode(Tensor.of(new float[] {1, 2, 2, 0}, 1, 4), 3, index()).get(0);
    assertEquals(List.of(1, 2, 0), top.stream().map(Prediction::classIndex).toList());
  }

  @Test
  void badShapesAndFiles() throws IOException {
    ClassIndex index = index();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Predictions.decode(Tensor.zeros(2, 5), 1, index));
    assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("4"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Predictions.decode(Tensor.zeros(2, 4), 5, index));
    Path gap = dir.resolve("gap.json");
    Files.writeString(gap, "{\"0\": [\"a\", \"b\"], \"2\": [\"c\", \"d\"]}");
    e = assertThrows(IllegalArgumentException.class, () -> ClassIndex.read(gap));
    assertTrue(
        e.getMessage().contains("gap.json") && e.getMessage().contains("class 1 is missing"),
        e.getMessage());
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"0\": [\"a\"]}");
    e = assertThrows(IllegalArgumentException.class, () -> ClassIndex.read(broken));
    assertTrue(e.getMessage().contains("expected ','"), e.getMessage());
  }

  @Test
  void imagenetIndexIsKerasFile() {
    assertEquals("imagenet_class_index.json", ClassIndex.IMAGENET.fileName());
    assertEquals(
        "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
        ClassIndex.IMAGENET.url().toString());
    assertEquals("c2c37ea517e94d9795004a39431a14cb", ClassIndex.IMAGENET.fileHash());
  }

  @Test
  void imagenetIndexIsFetchedAndCachedLikeWeights() throws Exception {
    String json = "{\"0\": [\"n01440764\", \"tench\"], \"1\": [\"n01443537\", \"goldfish\"]}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (LocalHttpServer server = new LocalHttpServer()) {
      server.serve("imagenet_class_index.json", body);
      ModelFileCache cache =
          new ModelFileCache(
              List.of(dir.resolve("keras")),
              dir.resolve("graft"),
              DownloadOptions.defaults().withProgress(null, false).withBaseUrl(server.base()));
      // Keras's MD5 belongs to the real file: this small one is refused and not cached.
      DownloadException e = assertThrows(DownloadException.class, () -> ClassIndex.imagenet(cache));
      assertTrue(e.getMessage().contains("c2c37ea517e94d9795004a39431a14cb"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("graft/imagenet_class_index.json")));
      // With the hash of the served file, it is fetched, cached and read.
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
      WeightsSource source = spec -> cache.locate(new RemoteFile(spec.fileName(), spec.url(), md5));
      ClassIndex index = ClassIndex.imagenet(source);
      assertEquals(2, index.size());
      assertEquals("goldfish", index.description(1));
      assertEquals(2, server.requests("imagenet_class_index.json"));
      assertEquals("tench", ClassIndex.imagenet(source).description(0));
      assertEquals(2, server.requests("imagenet_class_index.json"), "second read from the cache");
    }
  }
}
