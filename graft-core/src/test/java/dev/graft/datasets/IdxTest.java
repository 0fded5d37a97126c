package dev.graft.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  static byte[] idx(int[] shape, byte[] values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0800 | shape.length);
      for (int d : shape) {
        out.writeInt(d);
      }
      out.write(values);
    }
    return bytes.toByteArray();
  }

  static Path gz(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  @Test
  void readsUnsignedBytesInStoredShape() throws IOException {
    byte[] values = {0, 1, (byte) 200, (byte) 255, 7, 9};
    Tensor t = Idx.read(gz(dir.resolve("a.gz"), idx(new int[] {2, 1, 3}, values)));
    assertArrayEquals(new int[] {2, 1, 3}, t.shape().dims());
    assertArrayEquals(new float[] {0, 1, 200, 255, 7, 9}, t.toFloatArray());
  }

  @Test
  void truncatedFileNamesTheFile() throws IOException {
    byte[] full = idx(new int[] {4, 4}, new byte[16]);
    Path file = gz(dir.resolve("short.gz"), Arrays.copyOf(full, full.length - 3));
    IOException e = assertThrows(IOException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().contains("short.gz") && e.getMessage().contains("truncated"));
  }

  @Test
  void wrongMagicIsRejected() throws IOException {
    byte[] bad = idx(new int[] {2}, new byte[2]);
    bad[2] = 0x0d; // float type
    Path file = gz(dir.resolve("float.gz"), bad);
    IOException e = assertThrows(IOException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().contains("float.gz"), e.getMessage());
  }

  @Test
  void labeledImagesSelectAndFilterByClass() {
    Tensor images = Tensor.arange(12).reshape(3, 2, 2);
    LabeledImages set = new LabeledImages(images, Tensor.vector(5, 2, 5));
    LabeledImages fives = set.ofClasses(5);
    assertEquals(2, fives.size());
    assertArrayEquals(new float[] {0, 1, 2, 3, 8, 9, 10, 11}, fives.images().toFloatArray());
    assertArrayEquals(new float[] {5, 5}, fives.labels().toFloatArray());
  }
}
