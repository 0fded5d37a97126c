package dev.graft.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.graft.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, hand-built files of every dtype and version, and malformed input. */
class NpyTest {
  @TempDir Path dir;

  // ---- hand-built files (format: magic, version, little-endian header length, dict, padding) ----

  /** A file as np.save lays it out: the dict padded with spaces and a newline to 64 bytes. */
  static byte[] npy(int major, String dict, byte[] data) {
    int preamble = major == 1 ? 10 : 12;
    int total = preamble + dict.length() + 1;
    int padding = (64 - total % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    return raw(major, header.getBytes(StandardCharsets.UTF_8), data);
  }

  /** A file with exactly the given header bytes and no padding. */
  static byte[] raw(int major, byte[] header, byte[] data) {
    int lengthBytes = major == 1 ? 2 : 4;
    ByteBuffer b =
        ByteBuffer.allocate(8 + lengthBytes + header.length + data.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) header.length);
    } else {
      b.putInt(header.length);
    }
    return b.put(header).put(data).array();
  }

  static String dict(String descr, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  }

  Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static Stream<ByteOrder> orders() {
    return Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
  }

  static String prefix(ByteOrder o) {
    return o == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
  }

  @ParameterizedTest
  @MethodSource("orders")
  void readsEveryMultiByteDtypeInBothByteOrders(ByteOrder o) throws IOException {
    String p = prefix(o);
    ByteBuffer f4 =
        ByteBuffer.allocate(12).order(o).putFloat(1.5f).putFloat(-0f).putFloat(Float.NaN);
    ByteBuffer f8 =
        ByteBuffer.allocate(24).order(o).putDouble(0.1).putDouble(-1e300).putDouble(1e-50);
    ByteBuffer i4 =
        ByteBuffer.allocate(12).order(o).putInt(-7).putInt(Integer.MAX_VALUE).putInt(16_777_217);
    ByteBuffer i8 =
        ByteBuffer.allocate(24).order(o).putLong(-3).putLong(1L << 40).putLong(Long.MIN_VALUE);

    assertValues(read(p + "f4", "(3,)", f4), new int[] {3}, 1.5f, -0f, Float.NaN);
    assertValues(read(p + "f8", "(3,)", f8), new int[] {3}, 0.1f, Float.NEGATIVE_INFINITY, 0f);
    // int32/int64 beyond 2^24 round to the nearest float32, as documented.
    assertValues(read(p + "i4", "(1, 3)", i4), new int[] {1, 3}, -7f, 0x1p31f, 16_777_216f);
    assertValues(read(p + "i8", "(3, 1)", i8), new int[] {3, 1}, -3f, 0x1p40f, -0x1p63f);
  }

  @Test
  void readsSingleByteDtypes() throws IOException {
    byte[] u1 = {0, 1, (byte) 200, (byte) 255};
    byte[] b1 = {0, 1, 1, 0};
    assertValues(read("|u1", "(2, 2)", ByteBuffer.wrap(u1)), new int[] {2, 2}, 0, 1, 200, 255);
    assertValues(read("<u1", "(4,)", ByteBuffer.wrap(u1)), new int[] {4}, 0, 1, 200, 255);
    assertValues(read("|b1", "(4,)", ByteBuffer.wrap(b1)), new int[] {4}, 0, 1, 1, 0);
  }

  private Tensor read(String descr, String shape, ByteBuffer data) throws IOException {
    byte[] bytes = new byte[data.capacity()];
    data.rewind().get(bytes);
    return Npy.read(file("t.npy", npy(1, dict(descr, shape), bytes)));
  }

  private static void assertValues(Tensor t, int[] shape, float... expected) {
    assertArrayEquals(shape, t.shape().dims());
    float[] actual = t.toFloatArray();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Float.floatToIntBits(expected[i]),
          Float.floatToIntBits(actual[i]),
          "element " + i + ": expected " + expected[i] + " but was " + actual[i]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void readsEveryHeaderVersion(int major) throws IOException {
    byte[] values =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(2f).putFloat(-3f).array();
    Path f = file("v.npy", npy(major, dict("<f4", "(2,)"), values));
    NpyHeader h = Npy.readHeader(f);
    assertEquals(major, h.majorVersion());
    assertEquals(NpyDtype.FLOAT32, h.dtype());
    assertEquals(0, h.dataOffset() % 64);
    assertValues(Npy.read(f), new int[] {2}, 2f, -3f);
  }

  @Test
  void version3HeaderIsUtf8() throws IOException {
    // Version 3 exists for UTF-8 field names; a plain dict must read the same.
    String d = "{'descr':'<f4','fortran_order':False,'shape':(1,)}  \n";
    byte[] values = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(9f).array();
    Path f = file("v3.npy", raw(3, d.getBytes(StandardCharsets.UTF_8), values));
    assertValues(Npy.read(f), new int[] {1}, 9f);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        "{'descr':'<f4','fortran_order':False,'shape':(2,3)}",
        "{ \"shape\" : ( 2 , 3 , ) , \"descr\" : \"<f4\" , \"fortran_order\" : False }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L)}",
        "{'descr': '<f4',\n 'fortran_order': False,\t'shape': [2, 3]}",
      })
  void headerDictSpellings(String dict) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      b.putFloat(i);
    }
    Path f = file("s.npy", npy(1, dict, b.array()));
    assertValues(Npy.read(f), new int[] {2, 3}, 0, 1, 2, 3, 4, 5);
  }

  @Test
  void rankZeroAndZeroSize() throws IOException {
    ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-2.5);
    Tensor scalar = Npy.read(file("r0.npy", npy(1, dict("<f8", "()"), one.array())));
    assertEquals(0, scalar.rank());
    assertEquals(-2.5f, scalar.item());

    Tensor empty = Npy.read(file("z.npy", npy(1, dict("<i8", "(2, 0, 3)"), new byte[0])));
    assertArrayEquals(new int[] {2, 0, 3}, empty.shape().dims());
    assertEquals(0, empty.size());
    Tensor empty1 = Npy.read(file("z1.npy", npy(1, dict("|b1", "(0,)"), new byte[0])));
    assertArrayEquals(new int[] {0}, empty1.shape().dims());
  }

  // ---- writing ----

  @Test
  void writesTheSameBytesAsNpSave() throws IOException {
    Path f = dir.resolve("w.npy");
    Npy.write(f, Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3));
    byte[] bytes = Files.readAllBytes(f);
    // np.save(f, np.arange(6, dtype=np.float32).reshape(2, 3)) with NumPy 2.x: the dict, 21 - 1
    // spaces of room for the first axis to grow, padding to 128 bytes, a newline, 24 data bytes.
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
    assertEquals(152, bytes.length);
    assertArrayEquals(
        raw(1, header.getBytes(StandardCharsets.US_ASCII), new byte[0]), Arrays.copyOf(bytes, 128));
    assertEquals(5f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(128 + 20));
  }

  static Stream<Tensor> tensors() {
    return Stream.of(
        Tensor.scalar(7),
        Tensor.zeros(0),
        Tensor.zeros(3, 0, 2),
        Tensor.vector(0, 1, 254, 255, 1, 0),
        Tensor.of(new float[] {1, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2),
        Tensor.arange(1000).reshape(10, 10, 10).transpose(2, 0, 1));
  }

  @ParameterizedTest
  @EnumSource(NpyDtype.class)
  void roundTripsEveryDtype(NpyDtype dtype) throws IOException {
    for (Tensor t : tensors().toList()) {
      if (dtype == NpyDtype.UINT8 && t.size() > 255) {
        continue; // arange(1000) does not fit
      }
      Tensor expected = t;
      if (dtype == NpyDtype.BOOL) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] != 0 ? 1 : 0;
        }
        expected = Tensor.of(v, t.shape().dims());
      }
      Path f = dir.resolve(dtype + ".npy");
      Npy.write(f, t, dtype);
      NpyHeader h = Npy.readHeader(f);
      assertEquals(dtype, h.dtype());
      assertEquals(1, h.majorVersion());
      assertEquals(0, h.dataOffset() % 64, "data starts 64-byte aligned");
      assertEquals(h.dataOffset() + h.dataBytes(), Files.size(f));
      Tensor back = Npy.read(f);
      assertArrayEquals(expected.shape().dims(), back.shape().dims());
      assertArrayEquals(expected.toFloatArray(), back.toFloatArray());
    }
  }

  @Test
  void float32RoundTripIsBitExact() throws IOException {
    float[] v = {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-40f};
    Path f = dir.resolve("f.npy");
    Npy.write(f, Tensor.vector(v));
    assertValues(Npy.read(f), new int[] {v.length}, v);
  }

  @Test
  void largeTensorCrossesChunkBoundaries() throws IOException {
    float[] v = new float[100_003];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 1000 - 500;
    }
    for (NpyDtype d : new NpyDtype[] {NpyDtype.FLOAT32, NpyDtype.FLOAT64, NpyDtype.INT64}) {
      Path f = dir.resolve("big.npy");
      Npy.write(f, Tensor.vector(v), d);
      assertArrayEquals(v, Npy.read(f).toFloatArray(), d.toString());
    }
  }

  @Test
  void writeReplacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path f = dir.resolve("out.npy");
    Files.writeString(f, "old contents");
    Npy.write(f, Tensor.vector(1, 2, 3));
    assertArrayEquals(new float[] {1, 2, 3}, Npy.read(f).toFloatArray());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList());
    }
  }

  @Test
  void writeRejectsValuesTheDtypeCannotHold() throws IOException {
    Path f = dir.resolve("ints.npy");
    Files.writeString(f, "keep me");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Npy.write(f, Tensor.vector(1, 2.5f), NpyDtype.INT32));
    assertTrue(
        e.getMessage().contains("2.5") && e.getMessage().contains("ints.npy"), e::getMessage);
    assertThrows(
        IllegalArgumentException.class, () -> Npy.write(f, Tensor.vector(256), NpyDtype.UINT8));
    assertThrows(
        IllegalArgumentException.class, () -> Npy.write(f, Tensor.vector(-1), NpyDtype.UINT8));
    assertThrows(
        IllegalArgumentException.class, () -> Npy.write(f, Tensor.vector(0x1p31f), NpyDtype.INT32));
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.write(f, Tensor.vector(Float.NaN), NpyDtype.INT64));
    assertEquals("keep me", Files.readString(f), "a failed write leaves the old file alone");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
    Npy.write(f, Tensor.vector(-0x1p31f, 0x1p31f - 128), NpyDtype.INT32);
    assertArrayEquals(new float[] {-0x1p31f, 0x1p31f - 128}, Npy.read(f).toFloatArray());
  }

  @Test
  void streamReadsConsecutiveArrays() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, Tensor.vector(1, 2), NpyDtype.FLOAT32);
    Npy.write(out, Tensor.of(new float[] {3, 4, 5, 6}, 2, 2), NpyDtype.INT64);
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertArrayEquals(new float[] {1, 2}, Npy.read(in, "two arrays").toFloatArray());
    Tensor second = Npy.read(in, "two arrays");
    assertArrayEquals(new int[] {2, 2}, second.shape().dims());
    assertArrayEquals(new float[] {3, 4, 5, 6}, second.toFloatArray());
  }

  // ---- malformed input ----

  private NpyFormatException bad(byte[] bytes, String... expectedInMessage) throws IOException {
    Path f = file("bad.npy", bytes);
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
    String m = e.getMessage();
    assertTrue(m.contains(f.toString()), () -> "message should name the file: " + m);
    for (String s : expectedInMessage) {
      assertTrue(m.contains(s), () -> "message should mention '" + s + "': " + m);
    }
    // The stream reader, which cannot check the length first, must agree.
    assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(bytes), "s"));
    return e;
  }

  @Test
  void badMagic() throws IOException {
    bad(new byte[0], "magic", "empty");
    bad("hello, world".getBytes(StandardCharsets.US_ASCII), "magic", "68 65 6c");
    bad(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}, "zip", ".npz");
    bad(new byte[] {(byte) 0x93, 'N', 'U', 'M'}, "magic");
  }

  @Test
  void badVersionAndTruncatedPreamble() throws IOException {
    byte[] ok = npy(1, dict("<f4", "(1,)"), new byte[4]);
    byte[] v4 = ok.clone();
    v4[6] = 4;
    bad(v4, "version 4.0");
    byte[] v11 = ok.clone();
    v11[7] = 1;
    bad(v11, "version 1.1");
    bad(Arrays.copyOf(ok, 7), "version bytes");
    bad(Arrays.copyOf(ok, 9), "header length");
    bad(Arrays.copyOf(ok, 40), "truncated .npy header");
  }

  @Test
  void truncatedData() throws IOException {
    byte[] ok = npy(1, dict("<f8", "(2, 3)"), new byte[48]);
    bad(Arrays.copyOf(ok, ok.length - 1), "truncated .npy data", "(2, 3)", "48", "47");
    bad(Arrays.copyOf(ok, ok.length - 48), "truncated .npy data", "only 0");
  }

  @Test
  void lyingShapeFailsWithoutAllocatingIt() throws IOException {
    // 10^9 float32 values declared, 4 bytes present: a clear error, not an OutOfMemoryError.
    byte[] liar = npy(2, dict("<f4", "(100000, 10000)"), new byte[4]);
    bad(liar, "truncated .npy data", "(100000, 10000)");
    bad(npy(1, dict("<f4", "(100000, 100000)"), new byte[4]), "at most");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<f2", "<U5", "|O", "<c8", "|i1", "<u4", "|f4", "f4", "<f", "<f4x"})
  void unsupportedDtype(String descr) throws IOException {
    bad(npy(1, dict(descr, "(1,)"), new byte[16]), "unsupported dtype", descr, "float32 (<f4)");
  }

  @Test
  void structuredDtype() throws IOException {
    String d = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }";
    bad(npy(1, d, new byte[16]), "unsupported dtype", "structured");
  }

  @Test
  void fortranOrder() throws IOException {
    String d = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
    bad(npy(1, d, new byte[24]), "Fortran", "np.ascontiguousarray");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'a'), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2.0, 3), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': 6, }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2 3), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } trailing",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}",
        "{'descr': '<f4', 'shape': (2, 3)}",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}",
        "{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3)}",
        "{'descr': '<f4, 'fortran_order': False, 'shape': (2, 3)}",
        "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}",
        "('<f4', False, (2, 3))",
        "",
        "{",
        "{1: 2}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': ((((((((((((((((((((((((((((((((("
            + "(((((((((((1,))))))))))))))))))))))))))))))))))))))))))))), }",
      })
  void malformedHeaders(String dict) throws IOException {
    bad(npy(1, dict, new byte[24]), "header");
  }

  @Test
  void implausibleHeaderLength() throws IOException {
    byte[] b = raw(2, new byte[0], new byte[0]);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
    bad(b, "header length", "implausible");
  }

  /** Every truncation and many corruptions of a valid file give an NpyFormatException or data. */
  @Test
  void fuzzedFilesNeverThrowAnythingElse() throws IOException {
    byte[] ok = npy(1, dict("<i8", "(3, 2)"), new byte[48]);
    for (int n = 0; n < ok.length; n++) {
      byte[] cut = Arrays.copyOf(ok, n);
      assertThrows(NpyFormatException.class, () -> Npy.read(file("cut.npy", cut)), "length " + n);
    }
    Random rnd = new Random(42);
    for (int trial = 0; trial < 600; trial++) {
      byte[] b = ok.clone();
      int flips = 1 + rnd.nextInt(3);
      for (int k = 0; k < flips; k++) {
        b[rnd.nextInt(80)] = (byte) rnd.nextInt(256);
      }
      Path f = file("fuzz.npy", b);
      try {
        Npy.read(f);
        Npy.read(new ByteArrayInputStream(b), "fuzz");
      } catch (NpyFormatException expected) {
        assertTrue(expected.getMessage().contains("fuzz"), expected::getMessage);
      } catch (RuntimeException e) {
        fail("trial " + trial + ": " + new String(b, StandardCharsets.ISO_8859_1), e);
      }
    }
  }

  @Test
  void writeIntoMissingDirectoryNamesIt() {
    Path f = dir.resolve("no/such/dir/out.npy");
    IOException e = assertThrows(IOException.class, () -> Npy.write(f, Tensor.scalar(1)));
    assertTrue(
        e.getMessage().contains("no" + f.getFileSystem().getSeparator() + "such"), e::getMessage);
  }

  @Test
  void missingFileIsAnIOExceptionNamingIt() {
    Path f = dir.resolve("nope.npy");
    IOException e = assertThrows(IOException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("nope.npy"), e::getMessage);
    assertFalse(e instanceof NpyFormatException);
  }
}
