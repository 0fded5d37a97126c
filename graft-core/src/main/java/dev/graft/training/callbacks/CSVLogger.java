package dev.graft.training.callbacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one CSV row per epoch, as Keras's {@code CSVLogger}: the columns are {@code epoch} (from
 * 0) and the epoch logs' keys in sorted order, fixed at the first epoch; a key missing from a later
 * epoch is written {@code NA}. Values are written as Python writes floats ({@code 0.25}, {@code
 * 1e-05}, {@code nan}); rows end with {@code \r\n} like Python's {@code csv} module; fields holding
 * the separator, a quote or a line break are quoted. The file is flushed after every row and closed
 * when training ends.
 *
 * <pre>{@code
 * new CSVLogger(Path.of("training.log"));                // overwrite
 * new CSVLogger(Path.of("training.log"), ",", true);     // append when resuming
 * }</pre>
 *
 * With {@code append}, the header is written only if the file is missing or empty.
 */
public final class CSVLogger implements Callback {
  private final Path file;
  private final String separator;
  private final boolean append;

  private Writer writer;
  private List<String> keys;
  private boolean appendHeader;

  public CSVLogger(Path file) {
    this(file, ",", false);
  }

  /**
   * @param separator a single character, as Python's {@code csv} requires
   * @param append add to an existing file instead of replacing it
   */
  public CSVLogger(Path file, String separator, boolean append) {
    if (file == null) {
      throw new IllegalArgumentException("CSVLogger: the file is null");
    }
    if (separator == null || separator.length() != 1 || "\"\r\n".contains(separator)) {
      throw new IllegalArgumentException(
          "CSVLogger: the separator must be one character other than a quote or a line break, got "
              + (separator == null ? "null" : "'" + separator + "'"));
    }
    this.file = file;
    this.separator = separator;
    this.append = append;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    try {
      closeWriter();
      appendHeader = true;
      if (append && Files.exists(file)) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String first = r.readLine();
          appendHeader = first == null;
        }
      }
      writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
      keys = null;
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (writer == null) {
      throw new IllegalStateException(
          "CSVLogger: onEpochEnd before onTrainBegin; pass the callback to fit");
    }
    Map<String, Double> l = logs == null ? Map.of() : logs;
    try {
      if (keys == null) {
        keys = new ArrayList<>(l.keySet());
        keys.sort(null);
        if (appendHeader) {
          List<String> header = new ArrayList<>();
          header.add("epoch");
          header.addAll(keys);
          writeRow(header);
        }
      }
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(epoch));
      for (String k : keys) {
        Double v = l.get(k);
        row.add(v == null ? "NA" : PyFormat.repr(v));
      }
      writeRow(row);
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    try {
      closeWriter();
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeRow(List<String> fields) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(separator);
      }
      String f = fields.get(i);
      if (f.contains(separator) || f.contains("\"") || f.contains("\r") || f.contains("\n")) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    sb.append("\r\n");
    writer.write(sb.toString());
  }

  private void closeWriter() throws IOException {
    if (writer != null) {
      Writer w = writer;
      writer = null;
      w.close();
    }
  }
}
