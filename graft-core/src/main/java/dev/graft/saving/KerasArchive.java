package dev.graft.saving;

import dev.graft.models.Model;
import dev.graft.saving.h5.H5Reader;
import dev.graft.saving.h5.Keras3WeightsFile;
import dev.graft.saving.h5.OptimizerVariables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Keras {@code .keras} file: a zip of {@code config.json} (the architecture), {@code
 * metadata.json} (Keras version, date), {@code model.weights.h5} (the variables, in the Keras 3
 * layout of {@link KerasWeights}) and optionally {@code assets/}. This class handles the container
 * and the weights; the architecture is passed in and out as JSON text, for the model-config code to
 * turn into a model and back:
 *
 * <pre>{@code
 * try (KerasArchive a = KerasArchive.open(Path.of("model.keras"))) {
 *   Model m = modelFromConfig(a.configJson());      // the config side
 *   a.loadWeights(m, LoadOptions.defaults());
 * }
 * KerasArchive.save(Path.of("copy.keras"), configJsonOf(m), m);   // atomic
 * }</pre>
 *
 * <p>Opening validates the whole archive before anything is used: an unreadable or truncated zip,
 * an entry name that is absolute or climbs out with {@code ..}, a name given twice, a missing
 * {@code config.json} or {@code model.weights.h5}, and more uncompressed data than {@link Limits}
 * allow (counted while reading, never taken from the zip's headers) each fail with a {@link
 * WeightsFileException} naming the file and the entry. The weights are extracted to a temporary
 * file that {@link #close()} deletes.
 */
public final class KerasArchive implements AutoCloseable {
  public static final String CONFIG = "config.json";
  public static final String METADATA = "metadata.json";
  public static final String WEIGHTS = "model.weights.h5";
  public static final String ASSETS = "assets/";

  /** The Keras version whose {@code .keras} format graft writes, recorded in metadata.json. */
  public static final String KERAS_FORMAT_VERSION = "3.15.1";

  private static final long MAX_JSON_BYTES = 256L << 20;
  private static final int COPY_BUFFER = 1 << 16;

  /**
   * Bounds on what reading an archive may unpack: in all, at most {@code max(floorBytes,
   * maxExpansion x the archive's size)} and never more than {@code absoluteMaxBytes}. Keras stores
   * its entries uncompressed, so a real archive unpacks to about its own size.
   */
  public record Limits(long floorBytes, long maxExpansion, long absoluteMaxBytes) {
    /** 64 MiB floor, 100 times the file size, 16 GiB at most. */
    public static Limits defaults() {
      return new Limits(64L << 20, 100, 16L << 30);
    }

    long budget(long archiveSize) {
      long relative =
          archiveSize > Long.MAX_VALUE / maxExpansion ? Long.MAX_VALUE : archiveSize * maxExpansion;
      return Math.min(absoluteMaxBytes, Math.max(floorBytes, relative));
    }
  }

  private final Path file;
  private final String configJson;
  private final String metadataJson;
  private final List<String> assets;
  private final Path weights;

  private KerasArchive(
      Path file, String configJson, String metadataJson, List<String> assets, Path weights) {
    this.file = file;
    this.configJson = configJson;
    this.metadataJson = metadataJson;
    this.assets = assets;
    this.weights = weights;
  }

  /** Opens and validates {@code file} with the default {@link Limits}. */
  public static KerasArchive open(Path file) throws IOException {
    return open(file, Limits.defaults());
  }

  /** Opens and validates {@code file}. */
  public static KerasArchive open(Path file, Limits limits) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such .keras file");
    }
    long budget = limits.budget(Files.size(file));
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new WeightsFileException(
          file
              + ": not a readable .keras archive ("
              + e.getMessage()
              + "); a .keras file is a zip, and this one is truncated, damaged or not a zip");
    }
    Path extracted = null;
    try (zip) {
      Set<String> names = new HashSet<>();
      List<String> assets = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        String name = all.nextElement().getName();
        checkName(file, name);
        if (!names.add(name)) {
          throw new WeightsFileException(
              file
                  + ": entry '"
                  + name
                  + "' appears twice in the archive; refusing an ambiguous"
                  + " .keras file");
        }
        if (name.startsWith(ASSETS) && !name.endsWith("/")) {
          assets.add(name);
        }
      }
      if (!names.contains(CONFIG)) {
        throw new WeightsFileException(
            file + ": not a Keras archive: it has no " + CONFIG + " (entries: " + names + ")");
      }
      if (!names.contains(WEIGHTS)) {
        throw new WeightsFileException(
            file
                + ": the archive has no "
                + WEIGHTS
                + (names.contains("model.weights.npz")
                    ? " but model.weights.npz, a format graft does not read"
                    : " (entries: " + names + ")"));
      }
      long[] left = {budget};
      String config = readText(zip, file, CONFIG, left);
      String metadata = names.contains(METADATA) ? readText(zip, file, METADATA, left) : null;
      extracted = Files.createTempFile("graft-keras-", ".weights.h5");
      try (OutputStream out = Files.newOutputStream(extracted)) {
        copy(zip, file, WEIGHTS, out, left, budget);
      }
      Collections.sort(assets);
      KerasArchive a = new KerasArchive(file, config, metadata, List.copyOf(assets), extracted);
      extracted = null;
      return a;
    } finally {
      if (extracted != null) {
        Files.deleteIfExists(extracted);
      }
    }
  }

  /** Refuses names that would escape a folder the archive is extracted to. */
  private static void checkName(Path file, String name) throws WeightsFileException {
    boolean bad =
        name.isEmpty()
            || name.startsWith("/")
            || name.indexOf('\\') >= 0
            || name.indexOf('\0') >= 0
            || (name.length() > 1 && name.charAt(1) == ':');
    for (String part : name.split("/", -1)) {
      bad |= part.equals("..");
    }
    if (bad) {
      throw new WeightsFileException(
          file
              + ": unsafe entry name '"
              + name.replace("\0", "\\0")
              + "' (absolute, with a drive letter or backslash, or climbing out with ..);"
              + " refusing the archive");
    }
  }

  private static String readText(ZipFile zip, Path file, String name, long[] left)
      throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    copy(zip, file, name, out, left, MAX_JSON_BYTES);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Copies one entry, counting what it really unpacks to against {@code left} and {@code max}. */
  private static void copy(
      ZipFile zip, Path file, String name, OutputStream out, long[] left, long max)
      throws IOException {
    long copied = 0;
    ZipEntry entry = zip.getEntry(name);
    CRC32 crc = new CRC32();
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] buf = new byte[COPY_BUFFER];
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        copied += n;
        left[0] -= n;
        if (copied > max || left[0] < 0) {
          throw new WeightsFileException(
              file
                  + ": entry '"
                  + name
                  + "' unpacks to more than "
                  + (copied > max
                      ? max + " bytes, the most graft reads for it"
                      : "the archive's" + " limit (" + Files.size(file) + " bytes on disk)")
                  + "; refusing a possible zip bomb");
        }
        out.write(buf, 0, n);
      }
      // java.util.zip.ZipFile checks the CRC of deflated entries only; Keras stores its entries.
      if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
        throw new ZipException(
            String.format("CRC-32 %08x, the archive says %08x", crc.getValue(), entry.getCrc()));
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new WeightsFileException(
          file
              + ": entry '"
              + name
              + "' is damaged or cut off ("
              + e.getMessage()
              + "); the archive is truncated or corrupted");
    }
  }

  /** The archive's path. */
  public Path file() {
    return file;
  }

  /** The text of {@code config.json}: the architecture. */
  public String configJson() {
    return configJson;
  }

  /** The text of {@code metadata.json}, if the archive has one. */
  public Optional<String> metadataJson() {
    return Optional.ofNullable(metadataJson);
  }

  /** The names of the files under {@code assets/} (graft's layers have none). */
  public List<String> assets() {
    return assets;
  }

  /** Opens the extracted {@code model.weights.h5}; valid until {@link #close()}. */
  public H5Reader openWeights() throws IOException {
    return H5Reader.open(weights, file + "!" + WEIGHTS);
  }

  /**
   * Sets {@code model}'s weights from the archive ({@code byName} does not apply to this layout).
   */
  public LoadReport loadWeights(Model model, LoadOptions options) throws IOException {
    KerasWeights.rejectByName(options, file + "!" + WEIGHTS);
    try (H5Reader r = openWeights()) {
      return Keras3WeightsFile.load(model, r, options.isSkipMismatch());
    }
  }

  /**
   * Restores the optimizer state of the compiled {@code model} from the archive's weights (see
   * {@link OptimizerVariables}); returns notes on what was not restored.
   */
  public List<String> loadOptimizer(Model model) throws IOException {
    try (H5Reader r = openWeights()) {
      return OptimizerVariables.restore(r, model);
    }
  }

  /** Deletes the extracted weights. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(weights);
  }

  // ---- writing ----

  /**
   * Writes {@code model} with the architecture {@code configJson} to {@code file} atomically (see
   * {@link AtomicFiles}).
   */
  public static void save(Path file, String configJson, Model model) throws IOException {
    checkExtension(file);
    AtomicFiles.replace(file, tmp -> write(tmp, configJson, model));
  }

  /** Writes the archive directly, replacing {@code file}; not atomic (see {@link #save}). */
  public static void write(Path file, String configJson, Model model) throws IOException {
    if (configJson == null || configJson.isBlank()) {
      throw new IllegalArgumentException("KerasArchive: the config JSON is empty");
    }
    String metadata =
        "{\"keras_version\": \""
            + KERAS_FORMAT_VERSION
            + "\", \"date_saved\": \""
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss"))
            + "\", \"saved_by\": \"graft\"}";
    Path dir = file.toAbsolutePath().getParent();
    Path h5 = Files.createTempFile(dir, ".graft-", ".weights.h5");
    try {
      Keras3WeightsFile.write(model, h5, true);
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        stored(zip, METADATA, metadata.getBytes(StandardCharsets.UTF_8));
        stored(zip, CONFIG, configJson.getBytes(StandardCharsets.UTF_8));
        storedFile(zip, WEIGHTS, h5);
      }
    } finally {
      Files.deleteIfExists(h5);
    }
  }

  static void checkExtension(Path file) {
    if (!file.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException(
          "KerasArchive: the file name must end in .keras, got " + file);
    }
  }

  /** Keras stores entries uncompressed (so they can be read in place); so does graft. */
  private static ZipEntry storedEntry(String name, long size, long crc) {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(size);
    e.setCompressedSize(size);
    e.setCrc(crc);
    e.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
    return e;
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(data);
    zip.putNextEntry(storedEntry(name, data.length, crc.getValue()));
    zip.write(data);
    zip.closeEntry();
  }

  private static void storedFile(ZipOutputStream zip, String name, Path src) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[COPY_BUFFER];
    try (InputStream in = Files.newInputStream(src)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    zip.putNextEntry(storedEntry(name, Files.size(src), crc.getValue()));
    try (InputStream in = Files.newInputStream(src)) {
      in.transferTo(zip);
    }
    zip.closeEntry();
  }
}
