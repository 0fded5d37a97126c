package dev.graft.io;

import java.nio.ByteOrder;

/** What the header of a {@code .npy} file declares: version, dtype, byte order and shape. */
public final class NpyHeader {
  private final int majorVersion;
  private final NpyDtype dtype;
  private final ByteOrder byteOrder;
  private final int[] shape;
  private final long elementCount;
  private final long dataOffset;

  NpyHeader(int majorVersion, NpyDtype dtype, ByteOrder byteOrder, int[] shape, long dataOffset) {
    this.majorVersion = majorVersion;
    this.dtype = dtype;
    this.byteOrder = byteOrder;
    this.shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    this.elementCount = n;
    this.dataOffset = dataOffset;
  }

  /** The format version: 1, 2 or 3 (the minor version is always 0). */
  public int majorVersion() {
    return majorVersion;
  }

  public NpyDtype dtype() {
    return dtype;
  }

  /** The byte order of the data; single-byte types report little-endian. */
  public ByteOrder byteOrder() {
    return byteOrder;
  }

  /** A copy of the shape; empty for a rank-0 array. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of elements (1 for rank 0, 0 when any dimension is 0). */
  public long elementCount() {
    return elementCount;
  }

  /** The number of data bytes that follow the header. */
  public long dataBytes() {
    return elementCount * dtype.itemSize();
  }

  /** Where the data starts: the length of the magic, version, length field and header. */
  public long dataOffset() {
    return dataOffset;
  }

  /** The shape as a Python tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
  static String formatShape(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public String toString() {
    return "NpyHeader{version="
        + majorVersion
        + ".0, dtype="
        + dtype.numpyName()
        + (dtype.itemSize() > 1 && byteOrder == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "")
        + ", shape="
        + formatShape(shape)
        + "}";
  }
}
