package dev.graft.data;

import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The element format of {@link Dataset#cache(java.nio.file.Path)} files (big-endian, as {@link
 * DataOutputStream} writes):
 *
 * <pre>
 * file    = "GRAFTDS1" element* 0x00 count:int64 "GRAFTEND"
 * element = 'T' tensor | 'A' n:int32 tensor*n | 'S' tensor tensor | 'B' tensor opt opt
 * opt     = 0x00 | 0x01 tensor
 * tensor  = rank:int32 dim:int32*rank value:float32*size   (C order)
 * </pre>
 *
 * A file without the trailing {@code GRAFTEND} is incomplete and is never read.
 */
final class ElementCodec {
  static final byte[] MAGIC = {'G', 'R', 'A', 'F', 'T', 'D', 'S', '1'};
  static final byte[] TRAILER = {'G', 'R', 'A', 'F', 'T', 'E', 'N', 'D'};

  private ElementCodec() {}

  static void write(DataOutputStream out, Object element) throws IOException {
    if (element instanceof Tensor t) {
      out.writeByte('T');
      writeTensor(out, t);
    } else if (element instanceof Tensor[] arr) {
      out.writeByte('A');
      out.writeInt(arr.length);
      for (Tensor t : arr) {
        writeTensor(out, t);
      }
    } else if (element instanceof Sample s) {
      out.writeByte('S');
      writeTensor(out, s.x());
      writeTensor(out, s.y());
    } else if (element instanceof Batch b) {
      out.writeByte('B');
      writeTensor(out, b.x());
      writeOptional(out, b.y());
      writeOptional(out, b.sampleWeight());
    } else {
      throw new IllegalArgumentException(
          "cache(path): cannot store elements of type "
              + (element == null ? "null" : element.getClass().getName())
              + "; only Tensor, Tensor[], Sample and Batch; use cache() to keep them in memory");
    }
  }

  /** The next element, or null at the end marker. */
  static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> null;
      case 'T' -> readTensor(in);
      case 'A' -> {
        Tensor[] arr = new Tensor[in.readInt()];
        for (int i = 0; i < arr.length; i++) {
          arr[i] = readTensor(in);
        }
        yield arr;
      }
      case 'S' -> new Sample(readTensor(in), readTensor(in));
      case 'B' -> new Batch(readTensor(in), readOptional(in), readOptional(in));
      default -> throw new IOException("unknown element tag " + tag);
    };
  }

  private static void writeOptional(DataOutputStream out, Tensor t) throws IOException {
    out.writeByte(t == null ? 0 : 1);
    if (t != null) {
      writeTensor(out, t);
    }
  }

  private static Tensor readOptional(DataInputStream in) throws IOException {
    return in.readByte() == 0 ? null : readTensor(in);
  }

  private static void writeTensor(DataOutputStream out, Tensor t) throws IOException {
    int[] dims = t.shape().dims();
    out.writeInt(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    for (float v : t.toFloatArray()) {
      out.writeFloat(v);
    }
  }

  private static Tensor readTensor(DataInputStream in) throws IOException {
    int rank = in.readInt();
    if (rank < 0 || rank > 32) {
      throw new IOException("bad tensor rank " + rank);
    }
    int[] dims = new int[rank];
    long size = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = in.readInt();
      size *= dims[i];
    }
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new IOException("bad tensor size " + size);
    }
    float[] values = new float[(int) size];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return Tensor.of(values, dims);
  }
}
