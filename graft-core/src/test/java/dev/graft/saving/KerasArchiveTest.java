package dev.graft.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.core.Dense;
import dev.graft.models.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsafe and broken {@code .keras} archives each fail with a message naming the file. */
class KerasArchiveTest {
  @TempDir Path tmp;

  private static Sequential model() {
    return new Sequential("s").withInput(4).add(new Dense(Dense.units(2).name("a")));
  }

  /** A valid archive's weights file, to put in hand-made archives. */
  private byte[] weightsBytes() throws IOException {
    Path h5 = tmp.resolve("w.weights.h5");
    KerasWeights.save(model(), h5);
    return Files.readAllBytes(h5);
  }

  private Path zip(String name, Object... entries) throws IOException {
    Path file = tmp.resolve(name);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < entries.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) entries[i]));
        Object data = entries[i + 1];
        z.write(data instanceof byte[] b ? b : ((String) data).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return file;
  }

  private static void assertRejected(Path file, String expected) {
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> KerasArchive.open(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void roundTripKeepsConfigAndWeights() throws IOException {
    Sequential m = model();
    Path file = tmp.resolve("m.keras");
    KerasArchive.save(file, "{\"class_name\": \"Sequential\"}", m);
    Sequential copy = model();
    try (KerasArchive a = KerasArchive.open(file)) {
      assertEquals("{\"class_name\": \"Sequential\"}", a.configJson());
      a.loadWeights(copy, LoadOptions.defaults());
    }
    assertTrue(
        Arrays.equals(m.weights().get(0).toFloatArray(), copy.weights().get(0).toFloatArray()));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void pathsEscapingTheTargetAreRefused() throws IOException {
    byte[] w = weightsBytes();
    assertRejected(
        zip("a.keras", "config.json", "{}", "model.weights.h5", w, "assets/../../evil", "x"),
        "unsafe entry name 'assets/../../evil'");
    assertRejected(
        zip("b.keras", "/etc/passwd", "x", "config.json", "{}", "model.weights.h5", w),
        "unsafe entry name '/etc/passwd'");
    assertRejected(
        zip("c.keras", "config.json", "{}", "model.weights.h5", w, "..\\evil", "x"),
        "unsafe entry name");
  }

  @Test
  void duplicateAndMissingEntriesAreRefused() throws IOException {
    byte[] w = weightsBytes();
    Path dup = tmp.resolve("dup.keras");
    try (OutputStream raw = Files.newOutputStream(dup)) {
      // ZipOutputStream refuses duplicates, so write two archives' worth by hand: same name twice.
      raw.write(duplicateEntryZip(w));
    }
    assertRejected(dup, "appears twice");
    assertRejected(zip("noconfig.keras", "model.weights.h5", w), "no config.json");
    assertRejected(
        zip("npz.keras", "config.json", "{}", "model.weights.npz", "x"), "model.weights.npz");
  }

  /** A zip whose central directory lists config.json twice. */
  private byte[] duplicateEntryZip(byte[] weights) throws IOException {
    Path a =
        zip("tmp-dup.zip", "config.json", "{}", "model.weights.h5", weights, "configXjson", "{}");
    byte[] bytes = Files.readAllBytes(a);
    Files.delete(a);
    byte[] from = "configXjson".getBytes(StandardCharsets.US_ASCII);
    byte[] to = "config.json".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + from.length <= bytes.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + from.length), from)) {
        System.arraycopy(to, 0, bytes, i, to.length);
      }
    }
    return bytes;
  }

  @Test
  void truncatedArchiveIsRefused() throws IOException {
    Path whole = tmp.resolve("w.keras");
    KerasArchive.save(whole, "{}", model());
    byte[] bytes = Files.readAllBytes(whole);
    for (int length : new int[] {0, 10, bytes.length / 2, bytes.length - 5}) {
      Path cut = tmp.resolve("cut" + length + ".keras");
      Files.write(cut, Arrays.copyOf(bytes, length));
      assertRejected(cut, "");
    }
  }

  @Test
  void damagedEntryIsRefused() throws IOException {
    Path whole = tmp.resolve("w.keras");
    KerasArchive.save(whole, "{\"config\": 1}", model());
    byte[] bytes = Files.readAllBytes(whole);
    int at = indexOf(bytes, "{\"config\": 1}".getBytes(StandardCharsets.US_ASCII));
    bytes[at + 2] = 'X';
    Path bad = tmp.resolve("bad.keras");
    Files.write(bad, bytes);
    assertRejected(bad, "entry 'config.json' is damaged");
  }

  @Test
  void zipBombIsRefusedByWhatItUnpacksTo() throws IOException {
    byte[] zeros = new byte[20 << 20]; // 20 MiB of zeros deflate to about 20 KiB
    Path bomb = zip("bomb.keras", "config.json", "{}", "model.weights.h5", zeros);
    assertTrue(Files.size(bomb) < 200_000);
    WeightsFileException e =
        assertThrows(
            WeightsFileException.class,
            () -> KerasArchive.open(bomb, new KerasArchive.Limits(1 << 20, 100, 1L << 30)));
    assertTrue(e.getMessage().startsWith(bomb.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(
          0,
          files
              .filter(p -> p.getFileName().toString().startsWith("graft-keras-"))
              .filter(p -> p.toFile().length() > (1 << 20))
              .count(),
          "the partial extraction was deleted");
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(hay, i, i + needle.length), needle)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
