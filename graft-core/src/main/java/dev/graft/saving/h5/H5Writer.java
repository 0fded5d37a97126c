package dev.graft.saving.h5;

import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an HDF5 file of groups, float32 datasets and string attributes with jHDF's writer. The
 * tree is built in memory and written by {@link #close()}; paths are {@code /}-separated and their
 * groups are created on first use.
 *
 * <p>jHDF's groups and datasets do the encoding; this class writes the root and the superblock
 * itself instead of using {@code WritableHdfFile}, whose {@code close()} (0.10.0 and later) appends
 * a version string at the channel's current position: that is the end of the last dataset's data,
 * not the end of the file, so whenever a group is the last object written (a layer without weights,
 * the model's own empty {@code vars}) the string overwrites that group's header and the file is
 * corrupt. Writing the root group and then the superblock, as jHDF does otherwise, avoids it and
 * also leaves out the {@code _jHDF} root attribute, so the tree is the one Keras writes.
 *
 * <p>jHDF stores strings as fixed-length UTF-8 (h5py writes variable-length ones; Keras reads
 * neither kind back from a {@code .weights.h5}) and cannot write a dataset with zero elements.
 */
public final class H5Writer implements AutoCloseable {
  private final Path file;
  private final WritableGroupImpl root = new WritableGroupImpl(null, "/");

  private H5Writer(Path file) {
    this.file = file;
  }

  /** Prepares to write {@code file}, replacing it; nothing is on disk until {@link #close()}. */
  public static H5Writer create(Path file) {
    return new H5Writer(file);
  }

  /** The group at {@code path} ("" for the root), created with its parents when missing. */
  public WritableGroup group(String path) {
    WritableGroup g = root;
    if (path.isEmpty()) {
      return g;
    }
    for (String part : path.split("/")) {
      WritableNode child = (WritableNode) g.getChild(part);
      if (child == null) {
        g = g.putGroup(part);
      } else if (child instanceof WritableGroup wg) {
        g = wg;
      } else {
        throw new IllegalArgumentException(file + ": '" + path + "' passes through a dataset");
      }
    }
    return g;
  }

  /** Sets a string attribute on the group at {@code path}. */
  public void attribute(String path, String name, String value) {
    group(path).putAttribute(name, value);
  }

  /**
   * Adds a float32 dataset {@code name} of the given row-major values and shape (empty shape: a
   * scalar) to the group at {@code path}.
   */
  public void dataset(String path, String name, float[] values, int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "dataset " + path + "/" + name + ": " + values.length + " values for shape " + n);
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          file
              + ": cannot write '"
              + path
              + "/"
              + name
              + "': it has no elements (shape "
              + java.util.Arrays.toString(shape)
              + "), and jHDF's writer cannot store empty datasets");
    }
    group(path).putDataset(name, nested(values, shape));
  }

  /** Adds a scalar int64 dataset {@code name} to the group at {@code path}. */
  public void longScalar(String path, String name, long value) {
    group(path).putDataset(name, Long.valueOf(value));
  }

  /** jHDF infers type and shape from a Java array: float[][]... for rank > 1, Float for rank 0. */
  private static Object nested(float[] values, int[] shape) {
    if (shape.length == 0) {
      return values[0];
    }
    if (shape.length == 1) {
      return values.clone();
    }
    Object out = Array.newInstance(float.class, shape);
    int rowLength = shape[shape.length - 1];
    int rows = values.length / rowLength;
    int[] index = new int[shape.length - 1];
    for (int r = 0; r < rows; r++) {
      Object row = out;
      for (int k = 0; k < index.length; k++) {
        row = Array.get(row, index[k]);
      }
      System.arraycopy(values, r * rowLength, row, 0, rowLength);
      for (int k = index.length - 1; k >= 0; k--) {
        if (++index[k] < shape[k]) {
          break;
        }
        index[k] = 0;
      }
    }
    return out;
  }

  /** Writes the file. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
    try (FileChannel fc =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
      HdfFileChannel channel = new HdfFileChannel(fc, superblock);
      long end = root.write(channel, WritableHdfFile.ROOT_GROUP_ADDRESS);
      channel.write(superblock.toBuffer(Math.max(end, fc.size())), 0L);
    } catch (HdfException e) {
      throw new IOException(file + ": writing the HDF5 file failed: " + e.getMessage(), e);
    }
  }
}
