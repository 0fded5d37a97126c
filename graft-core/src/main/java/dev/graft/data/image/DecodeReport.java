package dev.graft.data.image;

import dev.graft.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts decoded and skipped images for a loader that must not stop on bad files: each file that
 * fails is logged once (the first time, however often a dataset is iterated), and {@link
 * #summary()} gives the final count. Thread-safe, for parallel decoding.
 *
 * <pre>{@code
 * DecodeReport report = new DecodeReport();
 * Optional<Tensor> image = report.decodeOrSkip(file, ColorMode.RGB);
 * ...
 * System.err.println(report.summary());
 * }</pre>
 */
public final class DecodeReport {
  private final Consumer<String> log;
  private final Map<Path, String> skipped = new ConcurrentHashMap<>();
  private final AtomicLong decoded = new AtomicLong();

  /** Logs warnings to standard error. */
  public DecodeReport() {
    this(System.err::println);
  }

  /** Logs each warning line to {@code log}. */
  public DecodeReport(Consumer<String> log) {
    if (log == null) {
      throw new IllegalArgumentException("DecodeReport: log is null");
    }
    this.log = log;
  }

  /** Decodes {@code file}; on failure records and logs it and returns empty. */
  public Optional<Tensor> decodeOrSkip(Path file, ColorMode mode) {
    try {
      Tensor t = ImageDecoder.decode(file, mode);
      decoded.incrementAndGet();
      return Optional.of(t);
    } catch (ImageDecodeException e) {
      skip(e);
      return Optional.empty();
    }
  }

  /** Records one successful decode. */
  public void decoded() {
    decoded.incrementAndGet();
  }

  /** Records a skipped file; the warning is logged the first time this file fails. */
  public void skip(ImageDecodeException e) {
    if (skipped.putIfAbsent(e.file(), e.reason()) == null) {
      log.accept("WARNING: skipping " + e.file() + ": " + e.reason());
    }
  }

  /** Files decoded so far (counted on each successful decode, repeats included). */
  public long decodedCount() {
    return decoded.get();
  }

  /** Distinct files skipped so far. */
  public int skippedCount() {
    return skipped.size();
  }

  /** The distinct skipped files, sorted. */
  public List<Path> skippedFiles() {
    List<Path> files = new ArrayList<>(skipped.keySet());
    files.sort(null);
    return files;
  }

  /** For example {@code Skipped 3 files that could not be decoded.} */
  public String summary() {
    int n = skippedCount();
    return n == 0
        ? "All files decoded."
        : "Skipped " + n + (n == 1 ? " file" : " files") + " that could not be decoded.";
  }
}
