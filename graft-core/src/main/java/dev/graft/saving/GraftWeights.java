package dev.graft.saving;

import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * graft's own weights file: every weight of a layer or model, in {@link Layer#weights()} order,
 * with its name and shape. A stop-gap until the Keras formats ({@code .weights.h5}, {@code .keras})
 * arrive; {@code ModelCheckpoint} writes it.
 *
 * <pre>{@code
 * GraftWeights.save(model, Path.of("model.graftw"));   // atomic
 * GraftWeights.load(sameArchitecture, Path.of("model.graftw"));
 * }</pre>
 *
 * <h2>Format (version 1)</h2>
 *
 * All integers are little-endian.
 *
 * <pre>
 * magic      8 bytes   0x89 'G' 'R' 'A' 'F' 'T' 'W' '\n'
 * version    int32     1
 * count      int32     number of weights
 * count times:
 *   nameLen  int32     length of the name in bytes
 *   name     nameLen bytes of UTF-8, the variable's name (e.g. "dense/kernel")
 *   rank     int32
 *   dims     rank x int32
 * data       each weight's values as float32, row-major, in the order above
 * crc        uint32    CRC-32 of every byte before it
 * </pre>
 *
 * <p>{@link #load} matches weights by position, as Keras loads weights files by topological order.
 * The counts and every shape must agree, and so must the last segment of every name ({@code
 * kernel}, {@code bias}, {@code moving_mean}, ...): the layer part ({@code dense_3/}) may differ,
 * since graft numbers unnamed layers per process. Nothing is assigned unless the whole file
 * matches.
 */
public final class GraftWeights {
  /** The extension graft suggests for these files. */
  public static final String EXTENSION = ".graftw";

  private static final byte[] MAGIC = {(byte) 0x89, 'G', 'R', 'A', 'F', 'T', 'W', '\n'};
  private static final int VERSION = 1;
  private static final int MAX_NAME_BYTES = 1 << 16;
  private static final int MAX_RANK = 64;
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
  private static final int CHUNK_FLOATS = 1 << 14;

  private GraftWeights() {}

  /** One stored weight. */
  public record Entry(String name, Tensor value) {}

  /** Saves {@code layer}'s weights to {@code file} atomically (see {@link AtomicFiles}). */
  public static void save(Layer layer, Path file) throws IOException {
    AtomicFiles.replace(file, tmp -> write(layer, tmp));
  }

  /**
   * Writes {@code layer}'s weights to {@code file} directly, replacing it; not atomic. Use {@link
   * #save} unless another mechanism already provides atomicity.
   */
  public static void write(Layer layer, Path file) throws IOException {
    List<Variable> weights = layer.weights();
    CRC32 crc = new CRC32();
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        CheckedOutputStream out = new CheckedOutputStream(raw, crc)) {
      out.write(MAGIC);
      writeInt(out, VERSION);
      writeInt(out, weights.size());
      for (Variable v : weights) {
        byte[] name = v.name().getBytes(StandardCharsets.UTF_8);
        int[] dims = v.shape().dims();
        writeInt(out, name.length);
        out.write(name);
        writeInt(out, dims.length);
        for (int d : dims) {
          writeInt(out, d);
        }
      }
      ByteBuffer buf = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (Variable v : weights) {
        float[] values = v.toFloatArray();
        for (int done = 0; done < values.length; ) {
          int m = Math.min(CHUNK_FLOATS, values.length - done);
          buf.clear();
          buf.asFloatBuffer().put(values, done, m);
          out.write(buf.array(), 0, m * 4);
          done += m;
        }
      }
      out.flush();
      int sum = (int) crc.getValue();
      byte[] tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(sum).array();
      raw.write(tail);
    }
  }

  /**
   * Sets {@code layer}'s weights from {@code file}.
   *
   * @throws WeightsFileException if the file is not a readable graft weights file
   * @throws IllegalArgumentException if the file's weights do not match the layer's (count, name or
   *     shape); the message names the file, the weight and both shapes
   */
  public static void load(Layer layer, Path file) throws IOException {
    List<Entry> entries = read(file);
    List<Variable> weights = layer.weights();
    if (entries.size() != weights.size()) {
      throw new IllegalArgumentException(
          file
              + ": the file holds "
              + entries.size()
              + " weights but layer '"
              + layer.name()
              + "' has "
              + weights.size()
              + "; load it into a model of the same architecture");
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Variable v = weights.get(i);
      if (!lastSegment(e.name()).equals(lastSegment(v.name()))) {
        throw new IllegalArgumentException(
            file
                + ": weight "
                + i
                + " is '"
                + e.name()
                + "' in the file but '"
                + v.name()
                + "' in layer '"
                + layer.name()
                + "'; the model's weights are not in the order they were saved in");
      }
      if (!e.value().shape().equals(v.shape())) {
        throw new IllegalArgumentException(
            file
                + ": weight "
                + i
                + " '"
                + v.name()
                + "' has shape "
                + v.shape()
                + " in layer '"
                + layer.name()
                + "' but shape "
                + e.value().shape()
                + " in the file (saved as '"
                + e.name()
                + "')");
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      weights.get(i).assign(entries.get(i).value());
    }
  }

  /**
   * Reads every weight stored in {@code file}, in order.
   *
   * @throws WeightsFileException if the file is not a readable graft weights file
   */
  public static List<Entry> read(Path file) throws IOException {
    long size = Files.size(file);
    CRC32 crc = new CRC32();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        CheckedInputStream in = new CheckedInputStream(raw, crc)) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new WeightsFileException(
            file
                + ": not a graft weights file: expected the magic bytes \\x89GRAFTW\\n at the"
                + " start, found "
                + (magic.length == 0 ? "an empty file" : hex(magic)));
      }
      Reader r = new Reader(in, file, size);
      int version = r.readInt("the version");
      if (version != VERSION) {
        throw new WeightsFileException(
            file
                + ": unsupported graft weights file version "
                + version
                + "; this graft reads version "
                + VERSION);
      }
      int count = r.readInt("the weight count");
      // Every entry needs at least 8 header bytes, so the file size bounds a plausible count.
      if (count < 0) {
        throw new WeightsFileException(file + ": malformed header: negative weight count " + count);
      }
      if ((long) count * 8 > size - r.position()) {
        throw new WeightsFileException(
            file
                + ": truncated graft weights file: its header lists "
                + count
                + " weights, which need at least "
                + (r.position() + 8L * count)
                + " bytes, but the file has only "
                + size);
      }
      List<String> names = new ArrayList<>(count);
      List<int[]> shapes = new ArrayList<>(count);
      long dataBytes = 0;
      for (int i = 0; i < count; i++) {
        int nameLen = r.readInt("the name length of weight " + i);
        if (nameLen < 0 || nameLen > MAX_NAME_BYTES) {
          throw new WeightsFileException(
              file + ": malformed header: weight " + i + " has name length " + nameLen);
        }
        String name =
            new String(r.readBytes(nameLen, "the name of weight " + i), StandardCharsets.UTF_8);
        int rank = r.readInt("the rank of weight '" + name + "'");
        if (rank < 0 || rank > MAX_RANK) {
          throw new WeightsFileException(
              file + ": malformed header: weight '" + name + "' has rank " + rank);
        }
        int[] dims = new int[rank];
        long elements = 1;
        for (int k = 0; k < rank; k++) {
          dims[k] = r.readInt("the shape of weight '" + name + "'");
          if (dims[k] < 0) {
            throw new WeightsFileException(
                file
                    + ": malformed header: weight '"
                    + name
                    + "' has a negative dimension "
                    + dims[k]);
          }
          elements = Math.min(elements * dims[k], MAX_ELEMENTS + 1);
        }
        if (elements > MAX_ELEMENTS) {
          throw new WeightsFileException(
              file
                  + ": weight '"
                  + name
                  + "' has shape "
                  + Arrays.toString(dims)
                  + ", more elements than a graft Tensor holds");
        }
        names.add(name);
        shapes.add(dims);
        dataBytes += elements * 4;
      }
      long expected = r.position() + dataBytes + 4;
      if (size < expected) {
        throw new WeightsFileException(
            file
                + ": truncated graft weights file: its header lists "
                + count
                + " weights needing "
                + expected
                + " bytes in all, but the file has only "
                + size
                + " bytes; it was probably cut off while being copied or written");
      }
      if (size > expected) {
        throw new WeightsFileException(
            file
                + ": malformed graft weights file: "
                + (size - expected)
                + " unexpected bytes after the data of its "
                + count
                + " weights");
      }
      List<Entry> out = new ArrayList<>(count);
      ByteBuffer buf = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        int[] dims = shapes.get(i);
        long n = 1;
        for (int d : dims) {
          n *= d;
        }
        float[] values = new float[(int) n];
        for (int done = 0; done < values.length; ) {
          int m = Math.min(CHUNK_FLOATS, values.length - done);
          byte[] chunk = r.readBytes(m * 4, "the data of weight '" + names.get(i) + "'");
          buf.clear();
          buf.put(chunk).flip();
          buf.asFloatBuffer().get(values, done, m);
          done += m;
        }
        out.add(new Entry(names.get(i), Tensor.of(values, dims)));
      }
      int computed = (int) crc.getValue();
      int stored = ByteBuffer.wrap(raw.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (computed != stored) {
        throw new WeightsFileException(
            file
                + ": corrupt graft weights file: the CRC-32 checksum does not match its content"
                + String.format(" (stored %08x, computed %08x)", stored, computed));
      }
      return out;
    }
  }

  private static String lastSegment(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static void writeInt(OutputStream out, int v) throws IOException {
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder("bytes");
    for (byte b : bytes) {
      sb.append(String.format(" %02x", b & 0xFF));
    }
    return sb.toString();
  }

  /** Reads little-endian fields and reports a truncated file with what was being read. */
  private static final class Reader {
    private final InputStream in;
    private final Path file;
    private final long size;
    private long position = MAGIC.length;

    Reader(InputStream in, Path file, long size) {
      this.in = in;
      this.file = file;
      this.size = size;
    }

    long position() {
      return position;
    }

    int readInt(String what) throws IOException {
      return ByteBuffer.wrap(readBytes(4, what)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    byte[] readBytes(int n, String what) throws IOException {
      if (position + n > size) {
        throw new WeightsFileException(
            file
                + ": truncated graft weights file: it ends at byte "
                + size
                + " while reading "
                + what);
      }
      byte[] b = in.readNBytes(n);
      if (b.length < n) {
        throw new WeightsFileException(
            file + ": truncated graft weights file: it ends while reading " + what);
      }
      position += n;
      return b;
    }
  }
}
