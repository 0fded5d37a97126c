package dev.graft.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference HDF5 tools on a file: {@code h5dump} (hdf5-tools) and Python's h5py (the
 * library Keras itself writes and reads weights with). Tests that use them skip with a notice when
 * they are not installed; CI installs them.
 */
public final class H5Tools {
  private static final long TIMEOUT_S = 120;

  /**
   * A canonical listing of an HDF5 file as h5py reads it, one sorted line per object: kind, path,
   * attributes with strings decoded (fixed- and variable-length alike), and for datasets shape,
   * dtype and the float32 bytes in hex. {@code zip!member} reads a member of a zip archive.
   */
  private static final String LISTING_SCRIPT =
      String.join(
          "\n",
          "import sys, io, zipfile, h5py, numpy as np",
          "src = sys.argv[1]",
          "if '!' in src:",
          "    z, m = src.split('!', 1)",
          "    src = io.BytesIO(zipfile.ZipFile(z).read(m))",
          "f = h5py.File(src, 'r')",
          "def text(v):",
          "    if isinstance(v, bytes): return v.decode()",
          "    if isinstance(v, np.ndarray):",
          "        return [text(x) for x in v.tolist()]",
          "    return str(v)",
          "def attrs(o):",
          "    return sorted((k, text(v)) for k, v in o.attrs.items())",
          "out = ['R / %s' % attrs(f)]",
          "def visit(name, o):",
          "    if isinstance(o, h5py.Dataset):",
          "        a = np.asarray(o)",
          "        out.append('D %s %s %s %s %s' % (name, a.shape, a.dtype, attrs(o),",
          "                   a.astype('<f4').tobytes().hex()))",
          "    else:",
          "        out.append('G %s %s' % (name, attrs(o)))",
          "f.visititems(visit)",
          "print('\\n'.join(sorted(out)))");

  private H5Tools() {}

  /** A Python interpreter that imports h5py; skips the test when there is none. */
  public static String requirePythonWithH5py() {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("GRAFT_PYTHON");
    if (configured != null && !configured.isEmpty()) {
      candidates.add(configured);
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String python : candidates) {
      try {
        if (run(List.of(python, "-c", "import h5py")).exitCode == 0) {
          return python;
        }
      } catch (IOException e) {
        // not installed under this name; try the next
      }
    }
    assumeTrue(
        false,
        "SKIPPED: no Python with h5py found (tried "
            + candidates
            + "); install python3-h5py or set GRAFT_PYTHON to run the h5py interoperability"
            + " checks");
    return null;
  }

  /** The path of h5dump; skips the test when it is not installed. */
  public static String requireH5dump() {
    try {
      if (run(List.of("h5dump", "--version")).exitCode == 0) {
        return "h5dump";
      }
    } catch (IOException e) {
      // not installed
    }
    assumeTrue(
        false,
        "SKIPPED: h5dump not found; install hdf5-tools to run the h5dump interoperability checks");
    return null;
  }

  /** The h5py listing of {@code file} (or {@code archive!member}); fails if Python fails. */
  public static String h5pyListing(String python, String file) throws IOException {
    Result r = run(List.of(python, "-c", LISTING_SCRIPT, file));
    if (r.exitCode != 0) {
      throw new AssertionError("h5py could not read " + file + ":\n" + r.output);
    }
    return r.output;
  }

  /** {@code h5dump}'s full text of {@code file} without its attribute blocks. */
  public static String h5dumpWithoutAttributes(String h5dump, Path file) throws IOException {
    Result r = run(List.of(h5dump, file.toString()));
    if (r.exitCode != 0) {
      throw new AssertionError("h5dump could not read " + file + ":\n" + r.output);
    }
    StringBuilder out = new StringBuilder();
    String skipUntil = null;
    for (String line : r.output.split("\n")) {
      if (skipUntil != null) {
        if (line.equals(skipUntil)) {
          skipUntil = null;
        }
        continue;
      }
      String trimmed = line.trim();
      if (trimmed.startsWith("ATTRIBUTE ")) {
        skipUntil = line.substring(0, line.indexOf('A')) + "}";
        continue;
      }
      if (trimmed.startsWith("HDF5 \"")) {
        continue; // names the file
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** The output and exit code of a command. */
  public record Result(int exitCode, String output) {}

  /** Runs a command with a timeout, stdout and stderr together. */
  public static Result run(List<String> command) throws IOException {
    Path log = Files.createTempFile("graft-h5tools", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done;
      try {
        done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while running " + command, e);
      }
      if (!done) {
        p.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish in " + TIMEOUT_S + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
