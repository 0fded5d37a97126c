package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.core.Dense;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraftWeightsTest {
  @TempDir Path dir;

  private static Model model(int hidden) {
    KerasTensor in = Input.of(2);
    return new Model(in, new Dense(1).apply(new Dense(hidden).apply(in)), "m");
  }

  private static void assertWeightsEqual(Model a, Model b) {
    List<Tensor> wa = a.getWeights();
    List<Tensor> wb = b.getWeights();
    assertEquals(wa.size(), wb.size());
    for (int i = 0; i < wa.size(); i++) {
      assertEquals(wa.get(i).shape(), wb.get(i).shape());
      assertTrue(Arrays.equals(wa.get(i).toFloatArray(), wb.get(i).toFloatArray()), "weight " + i);
    }
  }

  private static <T extends Throwable> String message(Class<T> type, ThrowingRunnable r) {
    return assertThrows(type, r::run).getMessage();
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Throwable;
  }

  @Test
  void roundTripsIntoAFreshModelOfTheSameArchitecture() throws IOException {
    Model saved = model(3);
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(saved, file);
    Model loaded = model(3); // other auto names (dense_2, ...), same structure
    GraftWeights.load(loaded, file);
    assertWeightsEqual(saved, loaded);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList(), "no temporary file is left");
    }
  }

  @Test
  void readListsNamesShapesAndValuesInWeightsOrder() throws IOException {
    Model m = model(3);
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(m, file);
    List<GraftWeights.Entry> entries = GraftWeights.read(file);
    assertEquals(4, entries.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(m.weights().get(i).name(), entries.get(i).name());
      assertEquals(m.weights().get(i).shape(), entries.get(i).value().shape());
    }
    // The layout is the documented one: magic, version 1, count, then the first name.
    byte[] b = Files.readAllBytes(file);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals((byte) 0x89, bb.get(0));
    assertEquals("GRAFTW\n", new String(b, 1, 7, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(1, bb.getInt(8));
    assertEquals(4, bb.getInt(12));
  }

  @Test
  void savingReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(model(5), file);
    Model second = model(3);
    GraftWeights.save(second, file);
    Model loaded = model(3);
    GraftWeights.load(loaded, file);
    assertWeightsEqual(second, loaded);
  }

  @Test
  void truncatedFilesNameTheFile() throws IOException {
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(model(3), file);
    byte[] full = Files.readAllBytes(file);
    for (int cut : new int[] {0, 5, 10, 14, 20, full.length / 2, full.length - 1}) {
      Path cutFile = dir.resolve("cut" + cut + ".graftw");
      Files.write(cutFile, Arrays.copyOf(full, cut));
      String msg = message(WeightsFileException.class, () -> GraftWeights.load(model(3), cutFile));
      assertTrue(msg.contains(cutFile.toString()), msg);
      assertTrue(
          msg.contains(cut == 0 ? "empty" : cut < 8 ? "magic" : "truncated"), cut + ": " + msg);
    }
  }

  @Test
  void wrongMagicNamesTheFile() throws IOException {
    Path file = dir.resolve("weights.npy");
    Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0});
    String msg = message(WeightsFileException.class, () -> GraftWeights.read(file));
    assertTrue(msg.contains(file.toString()), msg);
    assertTrue(msg.contains("not a graft weights file"), msg);
    assertTrue(msg.contains("93 4e 55"), msg);
  }

  @Test
  void unsupportedVersionAndTrailingBytesAndCorruption() throws IOException {
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(model(3), file);
    byte[] full = Files.readAllBytes(file);

    byte[] v2 = full.clone();
    v2[8] = 2;
    Files.write(file, v2);
    assertTrue(
        message(WeightsFileException.class, () -> GraftWeights.read(file)).contains("version 2"));

    Files.write(file, Arrays.copyOf(full, full.length + 3));
    assertTrue(
        message(WeightsFileException.class, () -> GraftWeights.read(file))
            .contains("3 unexpected bytes"));

    byte[] flipped = full.clone();
    flipped[full.length - 10] ^= 0x40; // inside the float data
    Files.write(file, flipped);
    String msg = message(WeightsFileException.class, () -> GraftWeights.read(file));
    assertTrue(msg.contains(file.toString()) && msg.contains("CRC-32"), msg);
  }

  @Test
  void wrongShapesNameTheFileTheWeightAndBothShapes() throws IOException {
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(model(3), file);
    Model other = model(4);
    List<Tensor> before = other.getWeights();
    String msg = message(IllegalArgumentException.class, () -> GraftWeights.load(other, file));
    assertTrue(msg.contains(file.toString()), msg);
    assertTrue(msg.contains(other.weights().get(0).name()), msg);
    assertTrue(msg.contains("(2, 4)") && msg.contains("(2, 3)"), msg);
    // Nothing was assigned.
    for (int i = 0; i < before.size(); i++) {
      assertTrue(
          Arrays.equals(before.get(i).toFloatArray(), other.weights().get(i).toFloatArray()));
    }
  }

  @Test
  void wrongCountAndOrderAreErrors() throws IOException {
    Path file = dir.resolve("m.graftw");
    GraftWeights.save(model(3), file);
    KerasTensor in = Input.of(2);
    Model oneLayer = new Model(in, new Dense(3).apply(in), "one");
    String count = message(IllegalArgumentException.class, () -> GraftWeights.load(oneLayer, file));
    assertTrue(count.contains("holds 4 weights") && count.contains("has 2"), count);

    // Same count and shapes would be an accident; a kernel where a bias was saved is caught by
    // name.
    KerasTensor in2 = Input.of(2);
    Model noBias =
        new Model(
            in2,
            new Dense(Dense.units(1).useBias(false)).apply(new Dense(Dense.units(3)).apply(in2)),
            "nb");
    String order = message(IllegalArgumentException.class, () -> GraftWeights.load(noBias, file));
    assertTrue(order.contains(file.toString()), order);
  }

  @Test
  void savingIntoAMissingDirectoryFails() {
    Path file = dir.resolve("missing/m.graftw");
    assertThrows(java.nio.file.NoSuchFileException.class, () -> GraftWeights.save(model(3), file));
  }
}
