package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.cli.UserError;
import dev.graft.datasets.TrainTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo at the reduced size: a tiny base pretrained on 400 images. */
class DemoTest {
  private static String run(Demo demo, DemoResult[] result) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    result[0] = demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickDemoWritesReportAndCurvesThenReusesTheCachedBase(@TempDir Path tmp) throws Exception {
    TrainTest fm = FashionMnistOrSkip.get();
    Path cache = tmp.resolve("cache");
    Path out = Files.createDirectory(tmp.resolve("out"));
    DemoRecipe recipe = DemoRecipe.quick();
    DemoResult[] first = new DemoResult[1];
    String printed = run(new Demo(recipe, () -> fm, cache, out), first);

    assertTrue(first[0].pretrained());
    assertTrue(printed.contains("pretraining the base"), printed);
    assertTrue(printed.contains("Epoch 1/1") || printed.contains("8/8"), printed);
    assertTrue(printed.contains("mean"), printed);
    Path cached = cache.resolve(recipe.pretraining().baseKey() + ".graftw");
    assertTrue(Files.isRegularFile(cached), "the base was not cached at " + cached);

    JsonNode report = new ObjectMapper().readTree(out.resolve(Demo.REPORT).toFile());
    assertEquals("test", report.get("evaluated_on").asText());
    for (String key :
        List.of("scratch_accuracy", "feature_extraction_accuracy", "fine_tune_accuracy")) {
      double mean = report.get(key).asDouble();
      assertTrue(mean >= 0 && mean <= 1, key + " = " + mean);
      // The mean is the mean of the seeds' values, recomputed from the JSON here.
      double sum = 0;
      for (JsonNode s : report.get("seeds")) {
        double v = s.get(key).asDouble();
        assertTrue(v >= 0 && v <= 1, key + " of seed " + s.get("seed") + " = " + v);
        sum += v;
      }
      assertEquals(sum / 3, mean, 2e-6, key);
    }
    assertTrue(report.get("seconds").asDouble() > 0);
    assertEquals(3, report.get("seeds").size());
    assertEquals(1, report.get("seeds").get(0).get("seed").asInt());
    assertEquals(3, report.get("seeds").get(2).get("seed").asInt());
    assertTrue(report.get("base_pretrained_in_this_run").asBoolean());

    BufferedImage png = ImageIO.read(out.resolve(Demo.CURVES).toFile());
    assertEquals(CurvesPlot.WIDTH, png.getWidth());
    assertEquals(CurvesPlot.HEIGHT, png.getHeight());

    DemoResult[] second = new DemoResult[1];
    long cachedModified = Files.getLastModifiedTime(cached).toMillis();
    String again = run(new Demo(recipe, () -> fm, cache, out), second);
    assertFalse(second[0].pretrained(), "the cached base was not reused");
    assertFalse(again.contains("pretraining the base"), again);
    assertFalse(again.contains("Epoch 1/1"), "pretraining ran again:\n" + again);
    assertTrue(again.contains("using the pretrained base cached in"), again);
    assertEquals(cachedModified, Files.getLastModifiedTime(cached).toMillis());
    JsonNode report2 = new ObjectMapper().readTree(out.resolve(Demo.REPORT).toFile());
    assertFalse(report2.get("base_pretrained_in_this_run").asBoolean());
  }

  @Test
  void aCorruptCachedBaseIsPretrainedAgain(@TempDir Path tmp) throws Exception {
    TrainTest fm = FashionMnistOrSkip.get();
    DemoRecipe recipe = tinyRecipe();
    Path cache = Files.createDirectory(tmp.resolve("cache"));
    Files.write(cache.resolve(recipe.pretraining().baseKey() + ".graftw"), new byte[] {1, 2, 3});
    DemoResult[] r = new DemoResult[1];
    String printed = run(new Demo(recipe, () -> fm, cache, tmp), r);
    assertTrue(r[0].pretrained());
    assertTrue(printed.contains("the cached base cannot be used"), printed);
  }

  @Test
  void validationEvaluatesOnHeldOutImagesWithItsOwnSeedsAndSaysSo(@TempDir Path tmp)
      throws Exception {
    TrainTest fm = FashionMnistOrSkip.get();
    DemoRecipe recipe = tinyRecipe().forValidation();
    DemoResult[] r = new DemoResult[1];
    String printed = run(new Demo(recipe, true, () -> fm, tmp.resolve("cache"), tmp), r);
    assertTrue(r[0].heldOut());
    assertTrue(printed.contains("held out for evaluation"), printed);
    assertTrue(printed.contains("Held-out accuracy on 50 images"), printed);
    assertEquals(HeldOutSplit.SEEDS.size(), r[0].seeds().size());
    JsonNode report = new ObjectMapper().readTree(tmp.resolve(Demo.REPORT).toFile());
    assertEquals("held-out", report.get("evaluated_on").asText());
    assertEquals(11, report.get("seeds").get(0).get("seed").asInt());
  }

  @Test
  void theCacheKeyChangesWithTheRecipe() {
    DemoRecipe a = DemoRecipe.quick();
    DemoRecipe b = tinyRecipe();
    assertFalse(a.pretraining().baseKey().equals(b.pretraining().baseKey()));
    assertEquals(a.pretraining().baseKey(), DemoRecipe.quick().pretraining().baseKey());
    String full = DemoRecipe.full().pretraining().baseKey();
    assertTrue(full.contains("w32-64-64-n30000-e8"), full);
  }

  @Test
  void theTransferredBlocksMustHaveTheModelsWidths() {
    PretrainRecipe pretraining = new PretrainRecipe(List.of(8, 16, 8), 100, 1, 50, 1e-3f, 0);
    Schedule s = new Schedule(1, 1e-3f);
    List<Long> seeds = List.of(1L);
    // The third block differs, and is not transferred: fine.
    assertEquals(
        List.of(32),
        new DemoRecipe(pretraining, List.of(8, 16, 32), 2, 5, seeds, 10, s, s, s, 0)
            .newBlockWidths());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DemoRecipe(pretraining, List.of(8, 32, 32), 2, 5, seeds, 10, s, s, s, 0));
    assertTrue(
        e.getMessage().contains("[8, 16] in the pretrained base but [8, 32]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DemoRecipe(pretraining, List.of(8, 16), 3, 5, seeds, 10, s, s, s, 0));
  }

  @Test
  void missingFashionMnistBecomesAUserErrorThatSaysHowToGetIt() {
    Supplier<TrainTest> missing =
        () -> {
          throw new UncheckedIOException(
              "fashion-mnist: train-images-idx3-ubyte.gz not found",
              new NoSuchFileException("train-images-idx3-ubyte.gz"));
        };
    UserError e = assertThrows(UserError.class, () -> Demo.fashionMnist(missing));
    assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz not found"), e.getMessage());
  }

  @Test
  void theVerdictIsHonestWhateverTheSign() {
    assertTrue(Demo.verdict(7.25).startsWith("Transfer learning helps: "), Demo.verdict(7.25));
    assertTrue(Demo.verdict(7.25).contains("7.3 points"), Demo.verdict(7.25));
    assertTrue(Demo.verdict(2).contains("only a little"));
    // Read as printed: 4.97 shows as 5.0, 4.94 as 4.9.
    assertTrue(Demo.verdict(4.97).startsWith("Transfer learning helps: "), Demo.verdict(4.97));
    assertTrue(Demo.verdict(4.94).contains("only a little"), Demo.verdict(4.94));
    assertTrue(Demo.verdict(-3).contains("did not beat"), Demo.verdict(-3));
  }

  /** Smaller than quick: one seed, a few images, for the tests that only need the plumbing. */
  private static DemoRecipe tinyRecipe() {
    return new DemoRecipe(
        new PretrainRecipe(List.of(4), 100, 1, 50, 1e-3f, 0),
        List.of(4),
        1,
        2,
        List.of(7L),
        50,
        new Schedule(1, 1e-3f),
        new Schedule(1, 1e-3f),
        new Schedule(1, 1e-4f),
        0);
  }
}
