package dev.graft.io;

/**
 * The NumPy element types graft reads from and writes to {@code .npy} files. Values always travel
 * through graft as float32; see {@link Npy} for how each type converts.
 */
public enum NpyDtype {
  /** {@code <f4}: read and written exactly. */
  FLOAT32('f', 4, "float32"),
  /** {@code <f8}: rounded to the nearest float32 on reading. */
  FLOAT64('f', 8, "float64"),
  /** {@code <i4}: integers beyond 2^24 in magnitude are rounded to the nearest float32. */
  INT32('i', 4, "int32"),
  /** {@code <i8}: integers beyond 2^24 in magnitude are rounded to the nearest float32. */
  INT64('i', 8, "int64"),
  /** {@code |u1}: exact. */
  UINT8('u', 1, "uint8"),
  /** {@code |b1}: false is 0, true is 1. */
  BOOL('b', 1, "bool");

  private final char kind;
  private final int itemSize;
  private final String numpyName;

  NpyDtype(char kind, int itemSize, String numpyName) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.numpyName = numpyName;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** The NumPy name, such as {@code "float32"}. */
  public String numpyName() {
    return numpyName;
  }

  /** The little-endian descriptor graft writes, such as {@code "<f4"} or {@code "|u1"}. */
  public String descr() {
    return (itemSize == 1 ? "|" : "<") + kind + itemSize;
  }

  /** The type with NumPy kind character {@code kind} and {@code size} bytes, or null if none. */
  static NpyDtype of(char kind, int size) {
    for (NpyDtype d : values()) {
      if (d.kind == kind && d.itemSize == size) {
        return d;
      }
    }
    return null;
  }

  /** The supported descriptors, for error messages. */
  static String supportedList() {
    StringBuilder sb = new StringBuilder();
    for (NpyDtype d : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(d.numpyName).append(" (").append(d.descr()).append(')');
    }
    return sb.toString();
  }
}
