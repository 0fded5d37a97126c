package dev.graft.io;

import dev.graft.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Reading accepts float32 ({@code <f4}), float64 ({@code <f8}), int32 ({@code <i4}), int64
 * ({@code <i8}), uint8 ({@code |u1}) and bool ({@code |b1}), little- or big-endian, of any rank
 * including 0 and with zero-size dimensions, and always returns a float32 {@link Tensor}: float64
 * values are rounded to the nearest float32, and int32/int64 values beyond 2^24 in magnitude lose
 * precision (float32 holds every integer only up to 16,777,216). Arrays must be in C order; save a
 * Fortran-ordered array with {@code np.save(path, np.ascontiguousarray(a))}. Bytes after the data
 * are ignored, as NumPy does.
 *
 * <p>Writing produces little-endian C-order files that {@code np.load} reads, float32 by default.
 * Writing to a path is atomic: the data goes to a temporary file in the same directory, which then
 * replaces the target, so readers never see a half-written file.
 *
 * <pre>{@code
 * Tensor x = Npy.read(Path.of("input.npy"));        // (4, 16, 16, 3)
 * Npy.write(Path.of("out.npy"), y);                 // <f4
 * Npy.write(Path.of("labels.npy"), labels, NpyDtype.INT64);
 * }</pre>
 *
 * <p>Malformed files raise {@link NpyFormatException} naming the file and what was expected.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** NumPy itself refuses headers over 10,000 bytes by default; allow more, but not unbounded. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  /** The largest Java array; a Tensor cannot hold more elements. */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** Bytes converted per step when reading or writing data. */
  private static final int CHUNK_BYTES = 1 << 16;

  private Npy() {}

  // ---- reading ----

  /**
   * Reads a {@code .npy} file as a float32 tensor of the stored shape.
   *
   * @throws NpyFormatException if the file is not a readable {@code .npy} file
   */
  public static Tensor read(Path file) throws IOException {
    long length = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES)) {
      return read(in, file.toString(), length);
    }
  }

  /**
   * Reads one array from {@code in} (for example a zip entry), consuming exactly its header and
   * data; the stream is not closed.
   *
   * @param sourceName names the source in error messages
   * @throws NpyFormatException if the stream does not hold a readable {@code .npy} array
   */
  public static Tensor read(InputStream in, String sourceName) throws IOException {
    return read(in, sourceName, -1);
  }

  /** Reads only the header of a {@code .npy} file: its version, dtype, byte order and shape. */
  public static NpyHeader readHeader(Path file) throws IOException {
    long length = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 4096)) {
      return readHeader(in, file.toString(), length);
    }
  }

  private static Tensor read(InputStream in, String source, long length) throws IOException {
    NpyHeader h = readHeader(in, source, length);
    if (h.elementCount() > MAX_ELEMENTS) {
      throw new NpyFormatException(
          source
              + ": shape "
              + NpyHeader.formatShape(h.shape())
              + " has "
              + h.elementCount()
              + " elements; a graft Tensor holds at most "
              + MAX_ELEMENTS);
    }
    int n = (int) h.elementCount();
    if (length >= 0 && length - h.dataOffset() < h.dataBytes()) {
      throw truncated(source, h, length - h.dataOffset());
    }
    int item = h.dtype().itemSize();
    int chunkElems = CHUNK_BYTES / item;
    // With a known length the size was checked above; a stream grows its buffer as data arrives,
    // so a header that promises more than the stream holds cannot force a huge allocation.
    float[] out = new float[length >= 0 ? n : Math.min(n, chunkElems)];
    ByteBuffer buf = ByteBuffer.allocate(chunkElems * item).order(h.byteOrder());
    int done = 0;
    while (done < n) {
      int m = Math.min(chunkElems, n - done);
      int want = m * item;
      int got = in.readNBytes(buf.array(), 0, want);
      if (got < want) {
        throw truncated(source, h, (long) done * item + got);
      }
      if (done + m > out.length) {
        out = Arrays.copyOf(out, (int) Math.min(n, Math.max(done + m, 2L * out.length)));
      }
      buf.clear().limit(want);
      decode(h.dtype(), buf, out, done, m);
      done += m;
    }
    return Tensor.of(out, h.shape());
  }

  private static NpyFormatException truncated(String source, NpyHeader h, long available) {
    return new NpyFormatException(
        source
            + ": truncated .npy data: the header declares "
            + h.dtype().numpyName()
            + " shape "
            + NpyHeader.formatShape(h.shape())
            + ", which needs "
            + h.dataBytes()
            + " data bytes, but only "
            + Math.max(0, available)
            + " follow the "
            + h.dataOffset()
            + "-byte header");
  }

  private static void decode(NpyDtype dtype, ByteBuffer b, float[] out, int off, int m) {
    switch (dtype) {
      case FLOAT32 -> b.asFloatBuffer().get(out, off, m);
      case FLOAT64 -> {
        for (int i = 0; i < m; i++) {
          out[off + i] = (float) b.getDouble();
        }
      }
      case INT32 -> {
        for (int i = 0; i < m; i++) {
          out[off + i] = b.getInt();
        }
      }
      case INT64 -> {
        for (int i = 0; i < m; i++) {
          out[off + i] = b.getLong();
        }
      }
      case UINT8 -> {
        for (int i = 0; i < m; i++) {
          out[off + i] = b.get() & 0xFF;
        }
      }
      case BOOL -> {
        for (int i = 0; i < m; i++) {
          out[off + i] = b.get() != 0 ? 1f : 0f;
        }
      }
    }
  }

  private static NpyHeader readHeader(InputStream in, String source, long length)
      throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(pre, MAGIC.length), MAGIC)) {
      throw badMagic(source, pre);
    }
    if (pre.length < 8) {
      throw new NpyFormatException(
          source + ": truncated .npy file: it ends inside the version bytes after the magic");
    }
    int major = pre[6] & 0xFF;
    int minor = pre[7] & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw new NpyFormatException(
          source
              + ": unsupported .npy format version "
              + major
              + "."
              + minor
              + "; graft reads versions 1.0, 2.0 and 3.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lf = in.readNBytes(lengthBytes);
    if (lf.length < lengthBytes) {
      throw new NpyFormatException(
          source
              + ": truncated .npy file: it ends inside the "
              + lengthBytes
              + "-byte header length field");
    }
    long headerLength = 0;
    for (int i = lengthBytes - 1; i >= 0; i--) {
      headerLength = headerLength << 8 | (lf[i] & 0xFF);
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new NpyFormatException(
          source
              + ": .npy header length "
              + headerLength
              + " is implausible (at most "
              + MAX_HEADER_BYTES
              + " bytes expected); the file is probably corrupt");
    }
    long dataOffset = 8 + lengthBytes + headerLength;
    if (length >= 0 && length < dataOffset) {
      throw new NpyFormatException(
          source
              + ": truncated .npy header: it declares "
              + headerLength
              + " header bytes, but the file has only "
              + length
              + " bytes in all");
    }
    byte[] hb = in.readNBytes((int) headerLength);
    if (hb.length < headerLength) {
      throw new NpyFormatException(
          source
              + ": truncated .npy header: it declares "
              + headerLength
              + " header bytes, but only "
              + hb.length
              + " follow");
    }
    String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parseHeader(text, major, dataOffset, source);
  }

  private static NpyFormatException badMagic(String source, byte[] start) {
    String what;
    if (start.length == 0) {
      what = "the file is empty";
    } else if (start.length >= 4
        && start[0] == 'P'
        && start[1] == 'K'
        && start[2] == 3
        && start[3] == 4) {
      what =
          "it is a zip archive (an .npz file?); load it with np.load and np.save each array"
              + " separately";
    } else {
      StringBuilder sb = new StringBuilder("it starts with bytes");
      for (byte b : start) {
        sb.append(String.format(" %02x", b & 0xFF));
      }
      what = sb.toString();
    }
    return new NpyFormatException(
        source
            + ": not a NumPy .npy file: expected the magic bytes \\x93NUMPY at the start, but "
            + what);
  }

  private static NpyHeader parseHeader(String text, int major, long dataOffset, String source)
      throws NpyFormatException {
    Object literal = PyLiteral.parse(text, source);
    if (!(literal instanceof Map<?, ?> dict)) {
      throw new NpyFormatException(
          source + ": malformed .npy header: expected a dict literal, found " + text.strip());
    }
    if (dict.size() != 3
        || !dict.containsKey("descr")
        || !dict.containsKey("fortran_order")
        || !dict.containsKey("shape")) {
      throw new NpyFormatException(
          source
              + ": malformed .npy header: expected exactly the keys 'descr', 'fortran_order' and"
              + " 'shape', found "
              + dict.keySet());
    }
    Object fortran = dict.get("fortran_order");
    if (!(fortran instanceof Boolean isFortran)) {
      throw new NpyFormatException(
          source
              + ": malformed .npy header: 'fortran_order' must be True or False, not "
              + fortran);
    }
    if (isFortran) {
      throw new NpyFormatException(
          source
              + ": the array is stored in Fortran (column-major) order; graft reads C order only."
              + " Save it with np.save(path, np.ascontiguousarray(a))");
    }
    int[] shape = parseShape(dict.get("shape"), source);
    Object descr = dict.get("descr");
    if (!(descr instanceof String d)) {
      throw new NpyFormatException(
          source
              + ": unsupported dtype "
              + (descr instanceof List ? "(a structured dtype) " : "")
              + descr
              + "; graft reads "
              + NpyDtype.supportedList());
    }
    NpyDtype dtype = parseDescr(d);
    if (dtype == null) {
      throw new NpyFormatException(
          source
              + ": unsupported dtype '"
              + d
              + "'; graft reads "
              + NpyDtype.supportedList()
              + ". Convert the array first, e.g. np.save(path, a.astype(np.float32))");
    }
    ByteOrder order =
        d.charAt(0) == '>'
            ? ByteOrder.BIG_ENDIAN
            : d.charAt(0) == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
    if (dtype.itemSize() == 1) {
      order = ByteOrder.LITTLE_ENDIAN;
    }
    return new NpyHeader(major, dtype, order, shape, dataOffset);
  }

  /** The dtype of a descriptor such as {@code <f4}, {@code >i8} or {@code |u1}; null if none. */
  private static NpyDtype parseDescr(String d) {
    if (d.length() < 3 || "<>|=".indexOf(d.charAt(0)) < 0) {
      return null;
    }
    String digits = d.substring(2);
    if (!digits.matches("[0-9]{1,2}")) {
      return null;
    }
    NpyDtype dtype = NpyDtype.of(d.charAt(1), Integer.parseInt(digits));
    if (dtype != null && dtype.itemSize() > 1 && d.charAt(0) == '|') {
      return null; // multi-byte types need a byte order
    }
    return dtype;
  }

  private static int[] parseShape(Object shape, String source) throws NpyFormatException {
    if (!(shape instanceof List<?> items)) {
      throw new NpyFormatException(
          source
              + ": malformed .npy header: 'shape' must be a tuple of integers such as (2, 3),"
              + " (5,) or (), not "
              + shape);
    }
    if (items.size() > 64) {
      throw new NpyFormatException(
          source + ": malformed .npy header: shape has " + items.size() + " dimensions (max 64)");
    }
    int[] dims = new int[items.size()];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      Object v = items.get(i);
      if (!(v instanceof Long dim) || dim < 0 || dim > Integer.MAX_VALUE) {
        throw new NpyFormatException(
            source
                + ": malformed .npy header: shape entries must be integers in [0, 2^31), found "
                + v
                + " in "
                + items);
      }
      dims[i] = (int) (long) dim;
      count = multiplyCapped(count, dims[i]);
    }
    if (count < 0 || count > 1L << 59) {
      throw new NpyFormatException(
          source + ": malformed .npy header: shape " + items + " has more than 2^59 elements");
    }
    return dims;
  }

  /** {@code a * b}, or -1 once the product exceeds 2^62 (and stays -1 unless a factor is 0). */
  private static long multiplyCapped(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    if (a < 0 || a > (1L << 62) / b) {
      return -1;
    }
    return a * b;
  }

  // ---- writing ----

  /** Writes {@code tensor} as a little-endian float32 ({@code <f4}) file, atomically. */
  public static void write(Path file, Tensor tensor) throws IOException {
    write(file, tensor, NpyDtype.FLOAT32);
  }

  /**
   * Writes {@code tensor} with element type {@code dtype}, atomically: a temporary file in the same
   * directory receives the data and then replaces {@code file}.
   *
   * @throws IllegalArgumentException if a value does not fit {@code dtype}: int32, int64 and uint8
   *     take only whole numbers in their range (round or clip first); bool stores non-zero as true
   */
  public static void write(Path file, Tensor tensor, NpyDtype dtype) throws IOException {
    float[] values = tensor.toFloatArray();
    checkRepresentable(values, tensor, dtype, file.toString());
    Path target = file.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw new NoSuchFileException(
          target.getParent().toString(), null, "cannot write " + target + ": no such directory");
    }
    Path tmp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeUnchecked(Channels.newOutputStream(ch), values, tensor.shape().dims(), dtype);
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Writes one {@code .npy} array to {@code out} (for example a zip entry); the stream is flushed
   * but not closed.
   *
   * @throws IllegalArgumentException if a value does not fit {@code dtype}, as in {@link
   *     #write(Path, Tensor, NpyDtype)}
   */
  public static void write(OutputStream out, Tensor tensor, NpyDtype dtype) throws IOException {
    float[] values = tensor.toFloatArray();
    checkRepresentable(values, tensor, dtype, "stream");
    writeUnchecked(out, values, tensor.shape().dims(), dtype);
  }

  private static void writeUnchecked(OutputStream out, float[] values, int[] shape, NpyDtype dtype)
      throws IOException {
    out.write(headerBytes(dtype, shape));
    int item = dtype.itemSize();
    int chunkElems = CHUNK_BYTES / item;
    ByteBuffer buf = ByteBuffer.allocate(chunkElems * item).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < values.length; ) {
      int m = Math.min(chunkElems, values.length - done);
      buf.clear().limit(m * item);
      encode(dtype, values, done, m, buf);
      out.write(buf.array(), 0, m * item);
      done += m;
    }
    out.flush();
  }

  /** Magic, version, header length and the padded dict, byte for byte as {@code np.save}. */
  static byte[] headerBytes(NpyDtype dtype, int[] shape) {
    String dict =
        "{'descr': '"
            + dtype.descr()
            + "', 'fortran_order': False, 'shape': "
            + NpyHeader.formatShape(shape)
            + ", }";
    if (shape.length > 0) {
      // Like np.save: room for the first axis to grow to 21 digits when rewritten in place.
      dict += " ".repeat(Math.max(0, 21 - Integer.toString(shape[0]).length()));
    }
    int major = 1;
    int preamble = 10;
    int headerLength = padded(preamble, dict.length());
    if (headerLength > 0xFFFF) {
      major = 2;
      preamble = 12;
      headerLength = padded(preamble, dict.length());
    }
    ByteBuffer b = ByteBuffer.allocate(preamble + headerLength).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) headerLength);
    } else {
      b.putInt(headerLength);
    }
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.remaining() > 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  /** The header length that makes preamble + dict + padding + newline a multiple of 64. */
  private static int padded(int preamble, int dictLength) {
    int total = preamble + dictLength + 1;
    return (total + 63) / 64 * 64 - preamble;
  }

  private static void encode(NpyDtype dtype, float[] v, int off, int m, ByteBuffer b) {
    switch (dtype) {
      case FLOAT32 -> b.asFloatBuffer().put(v, off, m);
      case FLOAT64 -> {
        for (int i = 0; i < m; i++) {
          b.putDouble(v[off + i]);
        }
      }
      case INT32 -> {
        for (int i = 0; i < m; i++) {
          b.putInt((int) v[off + i]);
        }
      }
      case INT64 -> {
        for (int i = 0; i < m; i++) {
          b.putLong((long) v[off + i]);
        }
      }
      case UINT8 -> {
        for (int i = 0; i < m; i++) {
          b.put((byte) (int) v[off + i]);
        }
      }
      case BOOL -> {
        for (int i = 0; i < m; i++) {
          b.put(v[off + i] != 0 ? (byte) 1 : (byte) 0);
        }
      }
    }
  }

  private static void checkRepresentable(
      float[] values, Tensor tensor, NpyDtype dtype, String target) {
    double lo;
    double hi; // exclusive
    switch (dtype) {
      case INT32 -> {
        lo = -0x1p31;
        hi = 0x1p31;
      }
      case INT64 -> {
        lo = -0x1p63;
        hi = 0x1p63;
      }
      case UINT8 -> {
        lo = 0;
        hi = 256;
      }
      default -> {
        return; // floats take every value; bool stores non-zero (and NaN) as true
      }
    }
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!(v >= lo && v < hi) || v != Math.rint(v)) {
        throw new IllegalArgumentException(
            "Npy.write: cannot store "
                + v
                + " (flat index "
                + i
                + " of a tensor of shape "
                + tensor.shape()
                + ") as "
                + dtype.numpyName()
                + " in "
                + target
                + ": "
                + dtype.numpyName()
                + " holds whole numbers in ["
                + (long) lo
                + ", "
                + ((long) hi - (dtype == NpyDtype.INT64 ? 0 : 1))
                + "]; round or clip the tensor first, or write float32");
      }
    }
  }
}
