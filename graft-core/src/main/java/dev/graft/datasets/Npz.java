package dev.graft.datasets;

import dev.graft.io.Npy;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Reads named arrays from a NumPy {@code .npz} file: a zip archive of {@code <name>.npy} files. */
final class Npz {
  private Npz() {}

  /** The arrays {@code names} of {@code file}, in that order. */
  static Map<String, Tensor> read(Path file, String... names) throws IOException {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (String name : names) {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
          throw new IOException(
              file
                  + ": no array '"
                  + name
                  + "' in this .npz file; delete it so that it is fetched"
                  + " again");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          arrays.put(name, Npy.read(in, file + "!" + entry.getName()));
        }
      }
    } catch (ZipException e) {
      throw new IOException(
          file
              + ": not a readable .npz (zip) file ("
              + e.getMessage()
              + "); delete it so that it"
              + " is fetched again",
          e);
    }
    return arrays;
  }
}
