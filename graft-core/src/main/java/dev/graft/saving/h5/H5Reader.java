package dev.graft.saving.h5;

import dev.graft.saving.WeightsFileException;
import dev.graft.tensor.Tensor;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the parts of an HDF5 file that Keras weights files use (groups, float datasets, string
 * attributes) through jHDF, turning every failure into a {@link WeightsFileException} that names
 * the file and the object being read.
 *
 * <p>Guards, as Keras's {@code safe_get_h5_group}/{@code safe_get_h5_dataset}: soft and external
 * links are refused (an external link would open another file), a file shorter than its superblock
 * says is reported as truncated before anything else is read, and {@link #read} checks a dataset's
 * declared shape against what the caller expects before it allocates anything, so a corrupted
 * header cannot ask for gigabytes.
 */
public final class H5Reader implements AutoCloseable {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private final Path file;
  private final String label;
  private final HdfFile hdf;

  private H5Reader(Path file, String label, HdfFile hdf) {
    this.file = file;
    this.label = label;
    this.hdf = hdf;
  }

  /** Opens {@code file}; errors name it as its path. */
  public static H5Reader open(Path file) throws IOException {
    return open(file, file.toString());
  }

  /**
   * Opens {@code file}; errors name it as {@code label} (e.g. {@code model.keras!model.weights.h5}
   * for a file extracted from an archive).
   */
  public static H5Reader open(Path file, String label) throws IOException {
    long size = Files.size(file);
    checkSignature(file, label, size);
    HdfFile hdf;
    try {
      hdf = new HdfFile(file);
    } catch (RuntimeException | StackOverflowError e) {
      throw new WeightsFileException(
          label + ": not a readable HDF5 file (" + describe(e) + "); it is damaged or truncated");
    }
    H5Reader reader = new H5Reader(file, label, hdf);
    try {
      long eof =
          hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
      if (eof > size) {
        throw new WeightsFileException(
            label
                + ": truncated HDF5 file: its superblock says it is "
                + eof
                + " bytes long but it has only "
                + size
                + "; it was probably cut off while being copied or downloaded");
      }
    } catch (WeightsFileException e) {
      reader.close();
      throw e;
    } catch (RuntimeException e) {
      reader.close();
      throw new WeightsFileException(label + ": unreadable HDF5 superblock (" + describe(e) + ")");
    }
    return reader;
  }

  /** HDF5 puts its signature at 0, 512, 1024, 2048, ... (after an optional user block). */
  private static void checkSignature(Path file, String label, long size) throws IOException {
    byte[] head = new byte[0];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
        ByteBuffer b = ByteBuffer.allocate(SIGNATURE.length);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
          // read until full
        }
        if (at == 0) {
          head = Arrays.copyOf(b.array(), b.position());
        }
        if (Arrays.equals(b.array(), SIGNATURE)) {
          return;
        }
      }
    }
    throw new WeightsFileException(
        label
            + (size < SIGNATURE.length
                ? ": not an HDF5 file: it has only " + size + " bytes"
                : ": not an HDF5 file: it does not start with the HDF5 signature"
                    + " \\x89HDF\\r\\n\\x1a\\n (found "
                    + hex(head)
                    + ")"));
  }

  /** The file as errors name it. */
  public String label() {
    return label;
  }

  /** The file on disk. */
  public Path file() {
    return file;
  }

  /** True when {@code path} ("" for the root) names a group. */
  public boolean isGroup(String path) throws WeightsFileException {
    return node(path).map(Node::isGroup).orElse(false);
  }

  /** True when {@code path} names a dataset. */
  public boolean isDataset(String path) throws WeightsFileException {
    Optional<Node> n = node(path);
    return n.isPresent() && !n.get().isGroup();
  }

  /** The names of the members of the group at {@code path}, sorted. */
  public List<String> children(String path) throws WeightsFileException {
    Node n = node(path).orElseThrow(() -> missing(path, "group"));
    if (!n.isGroup()) {
      throw new WeightsFileException(label + ": '" + path + "' is a dataset, expected a group");
    }
    try {
      List<String> names = new ArrayList<>(((Group) n).getChildren().keySet());
      names.sort(null);
      return names;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path, e);
    }
  }

  /**
   * A list-of-strings attribute, also when Keras split it into {@code name0}, {@code name1}, ...
   * (it does so for lists larger than an HDF5 object header holds). Empty when absent; an empty
   * list when stored empty (Keras writes an empty float array for layers without weights).
   */
  public Optional<List<String>> strings(String path, String name) throws WeightsFileException {
    Node n = node(path).orElseThrow(() -> missing(path, "group"));
    try {
      Attribute whole = n.getAttribute(name);
      if (whole != null) {
        return Optional.of(toStrings(path, name, whole));
      }
      if (n.getAttribute(name + "0") == null) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      for (int chunk = 0; n.getAttribute(name + chunk) != null; chunk++) {
        out.addAll(toStrings(path, name + chunk, n.getAttribute(name + chunk)));
      }
      return Optional.of(out);
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path + "@" + name, e);
    }
  }

  /** A scalar string attribute, empty when absent. */
  public Optional<String> string(String path, String name) throws WeightsFileException {
    Node n = node(path).orElseThrow(() -> missing(path, "group"));
    try {
      Attribute a = n.getAttribute(name);
      if (a == null || a.isEmpty()) {
        return Optional.empty();
      }
      Object data = a.getData();
      if (data instanceof String s) {
        return Optional.of(s);
      }
      if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
        return Optional.of(String.valueOf(Array.get(data, 0)));
      }
      throw new WeightsFileException(
          label + ": attribute '" + name + "' of '" + path + "' is not a string");
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path + "@" + name, e);
    }
  }

  /** The declared shape of the dataset at {@code path} (empty for a scalar). */
  public int[] shape(String path) throws WeightsFileException {
    Dataset d = dataset(path);
    try {
      return d.isScalar() ? new int[0] : d.getDimensions();
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path, e);
    }
  }

  /**
   * Reads the numeric dataset at {@code path} as float32 values. The caller checks {@link #shape}
   * first; {@code maxElements} bounds what this call may allocate.
   */
  public Tensor read(String path, long maxElements) throws WeightsFileException {
    Dataset d = dataset(path);
    int[] shape = shape(path);
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (n > maxElements) {
      throw new WeightsFileException(
          label + ": dataset '" + path + "' declares " + n + " values, more than expected");
    }
    try {
      Class<?> type = d.getJavaType();
      if (d.isEmpty()) {
        throw new WeightsFileException(label + ": dataset '" + path + "' has no data");
      }
      Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
      float[] values = toFloats(path, type, flat, (int) n);
      return Tensor.of(values, shape);
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path, e);
    }
  }

  /**
   * Reads the scalar integer dataset at {@code path} (such as an optimizer's step count) exactly; a
   * float scalar holding a whole number is accepted too.
   */
  public long readInteger(String path) throws WeightsFileException {
    Dataset d = dataset(path);
    try {
      if (!d.isScalar() && shape(path).length > 0) {
        throw new WeightsFileException(
            label
                + ": dataset '"
                + path
                + "' has shape "
                + java.util.Arrays.toString(shape(path))
                + ", expected a scalar");
      }
      Object data = d.isScalar() ? d.getData() : d.getDataFlat();
      if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
        data = Array.get(data, 0);
      }
      if (data instanceof Long
          || data instanceof Integer
          || data instanceof Short
          || data instanceof Byte) {
        return ((Number) data).longValue();
      }
      if (data instanceof Number x && x.doubleValue() == Math.rint(x.doubleValue())) {
        return x.longValue();
      }
      throw new WeightsFileException(
          label + ": dataset '" + path + "' holds " + data + ", expected a whole number");
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path, e);
    }
  }

  private float[] toFloats(String path, Class<?> type, Object data, int n)
      throws WeightsFileException {
    float[] out = new float[n];
    if (data instanceof float[] f && f.length == n) {
      return f;
    }
    boolean numeric =
        data instanceof Number
            || data instanceof double[]
            || data instanceof int[]
            || data instanceof long[]
            || data instanceof short[]
            || data instanceof byte[]
            || data instanceof float[];
    if (!numeric) {
      throw new WeightsFileException(
          label
              + ": dataset '"
              + path
              + "' holds "
              + type.getSimpleName()
              + " values; graft reads float, double and integer weights");
    }
    if (data instanceof Number x) {
      out[0] = x.floatValue();
      return out;
    }
    if (Array.getLength(data) != n) {
      throw new WeightsFileException(
          label + ": dataset '" + path + "' holds " + Array.getLength(data) + " values, not " + n);
    }
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(data, i)).floatValue();
    }
    return out;
  }

  private Dataset dataset(String path) throws WeightsFileException {
    Node n = node(path).orElseThrow(() -> missing(path, "dataset"));
    if (n.isGroup() || !(n instanceof Dataset)) {
      throw new WeightsFileException(label + ": '" + path + "' is a group, expected a dataset");
    }
    Dataset d = (Dataset) n;
    try {
      if (d.isCompound() || d.isVariableLength()) {
        throw new WeightsFileException(label + ": dataset '" + path + "' is not a numeric array");
      }
    } catch (RuntimeException e) {
      throw broken(path, e);
    }
    return d;
  }

  /** The node at {@code path}, walking one link at a time and refusing soft/external links. */
  private Optional<Node> node(String path) throws WeightsFileException {
    Node current = hdf;
    if (path.isEmpty()) {
      return Optional.of(current);
    }
    try {
      for (String part : path.split("/", -1)) {
        if (part.isEmpty()) {
          throw new WeightsFileException(label + ": invalid HDF5 path '" + path + "'");
        }
        if (!current.isGroup()) {
          return Optional.empty();
        }
        Node child = ((Group) current).getChild(part);
        if (child == null) {
          return Optional.empty();
        }
        if (child.isLink()) {
          throw new WeightsFileException(
              label
                  + ": '"
                  + path
                  + "' goes through a soft or external link; Keras weights files have none, and"
                  + " graft does not follow them");
        }
        current = child;
      }
      return Optional.of(current);
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw broken(path, e);
    }
  }

  private List<String> toStrings(String path, String name, Attribute a)
      throws WeightsFileException {
    if (a.isEmpty()) {
      return List.of();
    }
    Object data = a.getData();
    if (data instanceof String s) {
      return List.of(s);
    }
    if (data == null || !data.getClass().isArray()) {
      throw new WeightsFileException(
          label + ": attribute '" + name + "' of '" + path + "' is not a list of strings");
    }
    int n = Array.getLength(data);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object v = Array.get(data, i);
      if (!(v instanceof String s)) {
        if (n > 0 && v instanceof Number) {
          throw new WeightsFileException(
              label + ": attribute '" + name + "' of '" + path + "' holds numbers, not names");
        }
        throw new WeightsFileException(
            label + ": attribute '" + name + "' of '" + path + "' is not a list of strings");
      }
      out.add(s);
    }
    return out;
  }

  private WeightsFileException missing(String path, String what) {
    return new WeightsFileException(label + ": no " + what + " '" + path + "' in the file");
  }

  private WeightsFileException broken(String path, Throwable e) {
    WeightsFileException w =
        new WeightsFileException(
            label
                + ": cannot read '"
                + (path.isEmpty() ? "/" : path)
                + "' ("
                + describe(e)
                + "); the HDF5 file is damaged or truncated");
    w.initCause(e);
    return w;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      sb.append(": ").append(e.getMessage());
    }
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) {
      sb.append("; cause ").append(root.getClass().getSimpleName());
      if (root.getMessage() != null) {
        sb.append(": ").append(root.getMessage());
      }
    }
    return sb.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length == 0 ? "nothing" : "bytes");
    for (byte b : bytes) {
      sb.append(String.format(" %02x", b & 0xFF));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // Closing a damaged file can fail; nothing was written, so nothing is lost.
    }
  }
}
