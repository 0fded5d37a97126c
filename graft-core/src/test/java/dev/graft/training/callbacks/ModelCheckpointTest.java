package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.models.Model;
import dev.graft.saving.GraftWeights;
import dev.graft.saving.KerasArchive;
import dev.graft.saving.KerasWeights;
import dev.graft.saving.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
  @TempDir Path dir;

  /** The value every weight held when {@code file} was saved. */
  private static float savedValue(Path file) throws IOException {
    Model fresh = FakeContext.smallModel();
    GraftWeights.load(fresh, file);
    return FakeContext.filledValue(fresh);
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Runs one epoch: weights filled with epoch + 1, then the epoch's hooks with these logs. */
  private static void epoch(ModelCheckpoint cb, FakeContext ctx, int epoch, double valLoss) {
    cb.onEpochBegin(epoch, Map.of());
    FakeContext.fill(ctx.model(), epoch + 1);
    Map<String, Double> logs = new HashMap<>();
    logs.put("loss", 1.0);
    logs.put("val_loss", valLoss);
    cb.onEpochEnd(epoch, logs);
  }

  @Test
  void namesFilesFromTheEpochAndTheLogs() throws IOException {
    FakeContext ctx = new FakeContext();
    ModelCheckpoint cb =
        ModelCheckpoint.builder(dir.resolve("ckpt/w.{epoch:02d}-{val_loss:.4f}.graftw").toString())
            .build();
    cb.setContext(ctx);
    cb.onTrainBegin(Map.of());
    epoch(cb, ctx, 0, 0.5);
    epoch(cb, ctx, 9, 0.123456);
    assertEquals(List.of("w.01-0.5000.graftw", "w.10-0.1235.graftw"), listing(dir.resolve("ckpt")));
    assertEquals(1f, savedValue(dir.resolve("ckpt/w.01-0.5000.graftw")));
    assertEquals(10f, savedValue(dir.resolve("ckpt/w.10-0.1235.graftw")));
  }

  @Test
  void aPlaceholderMissingFromTheLogsIsAnError() {
    FakeContext ctx = new FakeContext();
    ModelCheckpoint cb =
        ModelCheckpoint.builder(dir.resolve("{val_accuracy:.2f}.graftw").toString()).build();
    cb.setContext(ctx);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> epoch(cb, ctx, 0, 0.5));
    assertTrue(e.getMessage().contains("Failed to format this callback filepath"), e.getMessage());
    assertTrue(e.getMessage().contains("val_accuracy"), e.getMessage());
  }

  @Test
  void saveBestOnlyKeepsTheBestEpoch() throws IOException {
    FakeContext ctx = new FakeContext();
    Path best = dir.resolve("best.graftw");
    ModelCheckpoint cb =
        ModelCheckpoint.builder(best.toString()).saveBestOnly(true).saveWeightsOnly(true).build();
    cb.setContext(ctx);
    cb.onTrainBegin(Map.of());
    epoch(cb, ctx, 0, 0.5);
    assertEquals(1f, savedValue(best));
    epoch(cb, ctx, 1, 0.6); // worse: not saved
    assertEquals(1f, savedValue(best));
    epoch(cb, ctx, 2, 0.5); // equal: not an improvement
    assertEquals(1f, savedValue(best));
    epoch(cb, ctx, 3, 0.4);
    assertEquals(4f, savedValue(best));
    assertEquals(0.4, cb.best());
    assertEquals(List.of("best.graftw"), listing(dir));
  }

  @Test
  void saveBestOnlyWithAMaximizedMetricAndAThreshold() throws IOException {
    FakeContext ctx = new FakeContext();
    Path best = dir.resolve("acc.graftw");
    ModelCheckpoint cb =
        ModelCheckpoint.builder(best.toString())
            .monitor("val_accuracy")
            .saveBestOnly(true)
            .initialValueThreshold(0.6)
            .build();
    cb.setContext(ctx);
    for (int e = 0; e < 3; e++) {
      cb.onEpochBegin(e, Map.of());
      FakeContext.fill(ctx.model(), e + 1);
      cb.onEpochEnd(e, Map.of("val_accuracy", new double[] {0.5, 0.7, 0.65}[e]));
      if (e == 0) {
        assertFalse(Files.exists(best), "0.5 does not beat the threshold 0.6");
      }
    }
    assertEquals(2f, savedValue(best));
  }

  @Test
  void savesEveryNBatches() throws IOException {
    FakeContext ctx = new FakeContext();
    ModelCheckpoint cb =
        ModelCheckpoint.builder(dir.resolve("e{epoch}-b{batch}.graftw").toString())
            .saveFreq(3)
            .build();
    cb.setContext(ctx);
    cb.onTrainBegin(Map.of());
    for (int e = 0; e < 2; e++) {
      cb.onEpochBegin(e, Map.of());
      for (int b = 0; b < 4; b++) {
        cb.onTrainBatchEnd(b, Map.of("loss", 1.0));
      }
      cb.onEpochEnd(e, Map.of("loss", 1.0));
    }
    // Batches seen: 3 at epoch 1 batch 3; then 1 + 2 more at epoch 2 batch 2.
    assertEquals(List.of("e1-b3.graftw", "e2-b2.graftw"), listing(dir));
  }

  @Test
  void aCrashDuringTheWriteKeepsThePreviousCheckpoint() throws IOException {
    FakeContext ctx = new FakeContext();
    Path target = dir.resolve("latest.graftw");
    boolean[] crash = {false};
    ModelCheckpoint.Writer halfThenCrash =
        (model, tmp, weightsOnly) -> {
          GraftWeights.write(model, tmp);
          if (crash[0]) {
            byte[] full = Files.readAllBytes(tmp);
            Files.write(tmp, Arrays.copyOf(full, full.length / 2));
            throw new IOException("simulated crash halfway through the write");
          }
        };
    ModelCheckpoint cb = ModelCheckpoint.builder(target.toString()).writer(halfThenCrash).build();
    cb.setContext(ctx);
    cb.onTrainBegin(Map.of());
    epoch(cb, ctx, 0, 0.5);
    assertEquals(1f, savedValue(target));
    byte[] before = Files.readAllBytes(target);

    crash[0] = true;
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> epoch(cb, ctx, 1, 0.4));
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("simulated crash"), e.getMessage());

    // The previous checkpoint is intact, byte for byte, and no temporary file is left behind.
    assertTrue(Arrays.equals(before, Files.readAllBytes(target)));
    assertEquals(1f, savedValue(target));
    assertEquals(List.of("latest.graftw"), listing(dir));
  }

  @Test
  void aCrashWritingANewFileLeavesNothingAtItsPath() throws IOException {
    FakeContext ctx = new FakeContext();
    ModelCheckpoint cb =
        ModelCheckpoint.builder(dir.resolve("w{epoch}.graftw").toString())
            .writer(
                (model, tmp, weightsOnly) -> {
                  Files.write(tmp, new byte[] {(byte) 0x89, 'G', 'R'});
                  throw new IOException("disk full");
                })
            .build();
    cb.setContext(ctx);
    assertThrows(UncheckedIOException.class, () -> epoch(cb, ctx, 0, 0.5));
    assertFalse(Files.exists(dir.resolve("w1.graftw")));
    assertEquals(List.of(), listing(dir));
  }

  @Test
  void weightsH5PathsGetKeras3Weights() throws IOException {
    FakeContext ctx = new FakeContext();
    Path file = dir.resolve("best.weights.h5");
    ModelCheckpoint cb = ModelCheckpoint.builder(file.toString()).saveWeightsOnly(true).build();
    cb.setContext(ctx);
    epoch(cb, ctx, 4, 0.5);
    Model fresh = FakeContext.smallModel();
    KerasWeights.load(fresh, file);
    assertEquals(5f, FakeContext.filledValue(fresh));
    assertEquals(List.of("best.weights.h5"), listing(dir));
  }

  @Test
  void kerasPathsSaveTheWholeModelAndLegacyH5IsRefused() throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelCheckpoint.builder(dir.resolve("legacy.h5").toString()).build());
    FakeContext ctx = new FakeContext();
    Path file = dir.resolve("model.keras");
    ModelCheckpoint cb = ModelCheckpoint.builder(file.toString()).build();
    cb.setContext(ctx);
    epoch(cb, ctx, 2, 0.5);
    Model reloaded = ModelFiles.load(file);
    assertEquals(3f, FakeContext.filledValue(reloaded));
    assertEquals(List.of("model.keras"), listing(dir));
  }

  @Test
  void aCustomWriterReplacesTheDefault() throws IOException {
    FakeContext ctx = new FakeContext();
    Path file = dir.resolve("model.keras");
    ModelCheckpoint cb =
        ModelCheckpoint.builder(file.toString())
            .writer((m, f, weightsOnly) -> KerasArchive.write(f, "{\"class_name\": \"x\"}", m))
            .build();
    cb.setContext(ctx);
    epoch(cb, ctx, 2, 0.5);
    try (KerasArchive a = KerasArchive.open(file)) {
      assertEquals("{\"class_name\": \"x\"}", a.configJson());
    }
    Model fresh = FakeContext.smallModel();
    KerasWeights.load(fresh, file);
    assertEquals(3f, FakeContext.filledValue(fresh));
  }

  @Test
  void aDirectoryAsTargetIsAnError() throws IOException {
    FakeContext ctx = new FakeContext();
    Files.createDirectory(dir.resolve("taken"));
    ModelCheckpoint cb = ModelCheckpoint.builder(dir.resolve("taken").toString()).build();
    cb.setContext(ctx);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> epoch(cb, ctx, 0, 0.5));
    assertTrue(e.getMessage().contains("non-directory"), e.getMessage());
  }

  @Test
  void saveBestOnlyNeedsADirectionForUnknownNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelCheckpoint.builder("x.graftw").monitor("score").saveBestOnly(true).build());
    // Without saveBestOnly the direction is never needed.
    ModelCheckpoint.builder("x.graftw").monitor("score").build();
  }
}
