package dev.graft.datasets;

import dev.graft.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST and Fashion-MNIST ship in (gzip-compressed): a big-endian header (two
 * zero bytes, type {@code 0x08} = unsigned byte, the rank) then one int per dimension, then the
 * values.
 */
final class Idx {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final long MAX_VALUES = 1L << 31;

  private Idx() {}

  /** The file's values as a float32 tensor of the stored shape, each in [0, 255]. */
  static Tensor read(Path gzFile) throws IOException {
    try (InputStream raw = Files.newInputStream(gzFile);
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)))) {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
        throw new IOException(
            gzFile
                + ": not an IDX file of unsigned bytes (magic 0x"
                + Integer.toHexString(magic)
                + "); delete it so that it is fetched again");
      }
      int[] shape = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        shape[i] = in.readInt();
        count *= shape[i];
        if (shape[i] <= 0 || count >= MAX_VALUES) {
          throw new IOException(gzFile + ": implausible IDX dimension " + shape[i]);
        }
      }
      byte[] bytes = new byte[(int) count];
      in.readFully(bytes);
      float[] values = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        values[i] = bytes[i] & 0xff;
      }
      return Tensor.of(values, shape);
    } catch (EOFException e) {
      throw new IOException(
          gzFile + ": truncated IDX file; delete it so that it is fetched again", e);
    }
  }
}
