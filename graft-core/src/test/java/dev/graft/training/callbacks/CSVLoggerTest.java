package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {
  @TempDir Path dir;

  private static Map<String, Double> logs(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }

  private static void train(CSVLogger logger, int firstEpoch, Map<String, Double>... epochs) {
    logger.onTrainBegin(Map.of());
    for (int i = 0; i < epochs.length; i++) {
      logger.onEpochEnd(firstEpoch + i, epochs[i]);
    }
    logger.onTrainEnd(Map.of());
  }

  private String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesEpochAndSortedKeysOneRowPerEpoch() throws IOException {
    Path file = dir.resolve("training.log");
    train(
        new CSVLogger(file),
        0,
        logs("val_loss", 0.5, "loss", 0.25, "binary_accuracy", 1e-5),
        logs("val_loss", 0.125, "loss", 100.0, "binary_accuracy", 0.1));
    assertEquals(
        "epoch,binary_accuracy,loss,val_loss\r\n"
            + "0,1e-05,0.25,0.5\r\n"
            + "1,0.1,100.0,0.125\r\n",
        read(file));
  }

  @Test
  @SuppressWarnings("unchecked")
  void flushesEachEpochBeforeTrainingEnds() throws IOException {
    Path file = dir.resolve("live.csv");
    CSVLogger logger = new CSVLogger(file);
    logger.onTrainBegin(Map.of());
    logger.onEpochEnd(0, logs("loss", 0.5));
    assertEquals("epoch,loss\r\n0,0.5\r\n", read(file));
    logger.onTrainEnd(Map.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void missingKeysAreNaAndNewKeysAreIgnored() throws IOException {
    Path file = dir.resolve("na.csv");
    train(
        new CSVLogger(file, ";", false),
        0,
        logs("loss", 1.0, "val_loss", 2.0),
        logs("loss", Double.NaN, "learning_rate", 0.1));
    assertEquals("epoch;loss;val_loss\r\n0;1.0;2.0\r\n1;nan;NA\r\n", read(file));
  }

  @Test
  @SuppressWarnings("unchecked")
  void appendContinuesWithoutASecondHeader() throws IOException {
    Path file = dir.resolve("resume.csv");
    train(new CSVLogger(file), 0, logs("loss", 0.5));
    train(new CSVLogger(file, ",", true), 1, logs("loss", 0.25), logs("loss", 0.125));
    assertEquals("epoch,loss\r\n0,0.5\r\n1,0.25\r\n2,0.125\r\n", read(file));
  }

  @Test
  @SuppressWarnings("unchecked")
  void appendToAnEmptyOrMissingFileWritesTheHeader() throws IOException {
    Path missing = dir.resolve("new.csv");
    train(new CSVLogger(missing, ",", true), 0, logs("loss", 0.5));
    assertEquals("epoch,loss\r\n0,0.5\r\n", read(missing));
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    train(new CSVLogger(empty, ",", true), 0, logs("loss", 0.5));
    assertEquals("epoch,loss\r\n0,0.5\r\n", read(empty));
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutAppendAnExistingFileIsReplaced() throws IOException {
    Path file = dir.resolve("again.csv");
    Files.writeString(file, "old content that is longer than the new one\n");
    train(new CSVLogger(file), 0, logs("loss", 0.5));
    assertEquals("epoch,loss\r\n0,0.5\r\n", read(file));
  }

  @Test
  @SuppressWarnings("unchecked")
  void fieldsHoldingTheSeparatorAreQuoted() throws IOException {
    Path file = dir.resolve("quoted.csv");
    train(new CSVLogger(file), 0, logs("a,b", 1.0));
    assertEquals("epoch,\"a,b\"\r\n0,1.0\r\n", read(file));
  }

  @Test
  void rejectsALongSeparator() {
    assertThrows(
        IllegalArgumentException.class, () -> new CSVLogger(dir.resolve("x.csv"), ", ", false));
  }
}
