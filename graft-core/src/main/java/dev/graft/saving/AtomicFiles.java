package dev.graft.saving;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once, so that a crash or an error while writing never leaves a partial
 * file at the target path: readers see either the previous file or the complete new one.
 *
 * <p>The writer fills a temporary file in the target's directory (named {@code
 * .<name>.<random>.tmp}); the file is then flushed to disk ({@code fsync}) and moved over the
 * target with {@link StandardCopyOption#ATOMIC_MOVE}, or with {@link
 * StandardCopyOption#REPLACE_EXISTING} where the file system cannot move atomically. If the writer
 * throws, the temporary file is deleted and the target is left as it was. (A process killed
 * mid-write may leave the temporary file behind, never a broken target.)
 *
 * <pre>{@code
 * AtomicFiles.replace(Path.of("ckpt/best.graftw"), tmp -> GraftWeights.write(model, tmp));
 * }</pre>
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file at the path it is given. */
  @FunctionalInterface
  public interface FileWriter {
    void write(Path file) throws IOException;
  }

  /**
   * Lets {@code writer} write a temporary file next to {@code target}, then moves it over {@code
   * target}.
   *
   * @throws NoSuchFileException if {@code target}'s directory does not exist
   * @throws IOException whatever the writer throws, after deleting the temporary file
   */
  public static void replace(Path target, FileWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          dir.toString(), null, "cannot write " + abs + ": no such directory");
    }
    Path tmp =
        abs.resolveSibling(
            "."
                + abs.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    boolean moved = false;
    try {
      writer.write(tmp);
      // The writer may have used its own streams; reopen to push the data to the device.
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      syncDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Not supported here (Windows); the rename itself has already happened.
    }
  }
}
