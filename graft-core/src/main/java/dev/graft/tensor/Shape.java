package dev.graft.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape. Prints as a Python tuple, {@code (32, 2048)}, so error messages read
 * like Keras's.
 */
public final class Shape {
  private final int[] dims;
  private final long size;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("Shape: negative dimension in " + Arrays.toString(dims));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Shape: " + format(dims) + " has " + n + " elements; a tensor holds at most 2^31 - 9");
    }
    this.dims = dims;
    this.size = n;
  }

  /** A shape with the given dimensions (copied). */
  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Dimension {@code axis}; negative axes count from the end as in NumPy. */
  public int dim(int axis) {
    return dims[normalizeAxis(axis)];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of elements. */
  public int size() {
    return (int) size;
  }

  /** Maps a possibly negative axis into {@code [0, rank)}, or throws naming the shape. */
  public int normalizeAxis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException(
          "axis " + axis + " is out of range for shape " + this + " of rank " + dims.length);
    }
    return a;
  }

  /** As {@link #normalizeAxis(int)}, with the error message starting with {@code op}. */
  public int normalizeAxis(String op, int axis) {
    try {
      return normalizeAxis(axis);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
    }
  }

  /** Row-major (C order) strides for this shape. */
  public int[] contiguousStrides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /**
   * The NumPy broadcast of two shapes.
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + a + " and " + b + " cannot be broadcast together");
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  static String format(int[] dims) {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return format(dims);
  }
}
