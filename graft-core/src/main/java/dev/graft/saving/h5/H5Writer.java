package dev.graft.saving.h5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;

/**
 * Writes an HDF5 file of groups, float32 datasets and string attributes with jHDF's writer. The
 * tree is built in memory and written by {@link #close()}; paths are {@code /}-separated and their
 * groups are created on first use.
 *
 * <p>jHDF stores strings as fixed-length UTF-8 (h5py writes variable-length ones; Keras reads
 * neither kind back from a {@code .weights.h5}), cannot write a dataset with zero elements, and
 * tags the root with a {@code _jHDF} attribute, which this class removes so that the tree is the
 * one Keras writes.
 */
public final class H5Writer implements AutoCloseable {
  private final Path file;
  private final WritableHdfFile hdf;

  private H5Writer(Path file, WritableHdfFile hdf) {
    this.file = file;
    this.hdf = hdf;
  }

  /** Creates (or truncates) {@code file}; nothing is on disk until {@link #close()}. */
  public static H5Writer create(Path file) throws IOException {
    java.nio.file.Files.deleteIfExists(file);
    try {
      WritableHdfFile hdf = HdfFile.write(file);
      hdf.removeAttribute("_jHDF");
      return new H5Writer(file, hdf);
    } catch (HdfException e) {
      throw new IOException(file + ": cannot create the HDF5 file: " + e.getMessage(), e);
    }
  }

  /** The group at {@code path} ("" for the root), created with its parents when missing. */
  public WritableGroup group(String path) {
    WritableGroup g = hdf;
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
    try {
      hdf.close();
    } catch (HdfException e) {
      throw new IOException(file + ": writing the HDF5 file failed: " + e.getMessage(), e);
    }
  }
}
