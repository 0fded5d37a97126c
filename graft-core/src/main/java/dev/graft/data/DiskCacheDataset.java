package dev.graft.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Caches the elements in one file (format in {@link ElementCodec}). The first pass that runs to its
 * end writes a temporary file beside {@code path} and moves it into place; later passes read the
 * file. A file that is not complete (no trailer) is ignored and rewritten; a pass that ends early
 * deletes its temporary file.
 */
final class DiskCacheDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final Path path;

  DiskCacheDataset(Dataset<T> input, Path path) {
    this.input = input;
    this.path = path.toAbsolutePath();
  }

  /** The element count of a complete cache file, or -1 if there is none. */
  private long completeCount() {
    if (!Files.isRegularFile(path)) {
      return -1;
    }
    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
      long n = f.length();
      if (n < 8 + 1 + 8 + 8) {
        return -1;
      }
      byte[] head = new byte[8];
      f.readFully(head);
      f.seek(n - 16);
      long count = f.readLong();
      byte[] tail = new byte[8];
      f.readFully(tail);
      boolean ok =
          Arrays.equals(head, ElementCodec.MAGIC) && Arrays.equals(tail, ElementCodec.TRAILER);
      return ok ? count : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public DatasetIterator<T> iterator() {
    try {
      return completeCount() >= 0 ? reader() : writer();
    } catch (IOException e) {
      throw new UncheckedIOException("cache(" + path + "): " + e.getMessage(), e);
    }
  }

  private DatasetIterator<T> reader() throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
    in.readFully(new byte[8]);
    return new PassIterator<>() {
      @Override
      @SuppressWarnings("unchecked")
      protected T compute() {
        try {
          return (T) ElementCodec.read(in);
        } catch (IOException e) {
          throw new UncheckedIOException("cache(" + path + "): cannot read: " + e.getMessage(), e);
        }
      }

      @Override
      protected void release() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private DatasetIterator<T> writer() throws IOException {
    Files.createDirectories(path.getParent());
    Path tmp =
        path.resolveSibling(
            "."
                + path.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
    out.write(ElementCodec.MAGIC);
    DatasetIterator<T> src = input.iterator();
    return new PassIterator<>() {
      private long count;
      private boolean open = true;

      @Override
      protected T compute() {
        try {
          if (src.hasNext()) {
            T t = src.next();
            ElementCodec.write(out, t);
            count++;
            return t;
          }
          out.writeByte(0);
          out.writeLong(count);
          out.write(ElementCodec.TRAILER);
          out.close();
          open = false;
          try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException("cache(" + path + "): cannot write: " + e.getMessage(), e);
        }
      }

      @Override
      protected void release() {
        src.close();
        try {
          if (open) {
            open = false;
            out.close();
          }
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public long cardinality() {
    long c = completeCount();
    return c >= 0 ? c : input.cardinality();
  }
}
