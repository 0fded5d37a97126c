package dev.graft.io.download;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of one download, in the spirit of Keras's {@code get_file}: first {@code Downloading
 * data from <url>}, then
 *
 * <pre>
 * 12.6/26.4 MB ━━━━━━━━━━━━━━━━━━━━  47% 5.3 MB/s
 * </pre>
 *
 * On a terminal the line is redrawn in place (at most every 100 ms) with the done part of the bar
 * in green; without a known length it shows only the bytes and the rate. Elsewhere (logs, files)
 * only the final line is printed, so that logs get one line per file.
 */
final class DownloadProgress {
  private static final int WIDTH = 20;
  private static final long INTERVAL_NANOS = 100_000_000L;
  private static final String GREEN = "\u001b[32m";
  private static final String WHITE = "\u001b[37m";
  private static final String RESET = "\u001b[0m";

  private final PrintStream out;
  private final boolean terminal;
  private final long length;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw;
  private boolean drawn;
  private int prevWidth;

  /**
   * @param out where to print, or null for silence
   * @param length the expected number of bytes, or -1 when unknown
   */
  DownloadProgress(PrintStream out, boolean terminal, URI url, long length, LongSupplier clock) {
    this.out = out;
    this.terminal = terminal;
    this.length = length;
    this.clock = clock;
    this.start = clock.getAsLong();
    if (out != null) {
      out.println("Downloading data from " + url);
      out.flush();
    }
  }

  /** Reports that {@code bytes} have arrived so far. */
  void update(long bytes) {
    if (out == null || !terminal) {
      return;
    }
    long now = clock.getAsLong();
    if (drawn && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    drawn = true;
    lastDraw = now;
    draw(bytes, now, false);
  }

  /** Prints the final line for {@code bytes} received in all. */
  void finish(long bytes) {
    if (out != null) {
      draw(bytes, clock.getAsLong(), true);
    }
  }

  /** Ends an unfinished bar's line, so that an error message starts on a line of its own. */
  void abandon() {
    if (out != null && terminal && drawn) {
      out.println();
      out.flush();
    }
  }

  private void draw(long bytes, long now, boolean last) {
    StringBuilder line = new StringBuilder();
    int visible;
    String amount;
    if (length > 0) {
      amount = sizes(bytes, length);
      int done = (int) Math.min(WIDTH, WIDTH * bytes / length);
      String percent = String.format(Locale.ROOT, "%4d%%", Math.min(100, 100 * bytes / length));
      line.append(amount).append(' ');
      line.append(terminal ? GREEN : "").append("━".repeat(done));
      line.append(terminal ? WHITE : "").append("━".repeat(WIDTH - done));
      line.append(terminal ? RESET : "").append(percent);
      visible = amount.length() + 1 + WIDTH + percent.length();
    } else {
      amount = size(bytes);
      line.append(amount);
      visible = amount.length();
    }
    String rate = " " + rate(bytes, (now - start) / 1e9);
    line.append(rate);
    visible += rate.length();
    if (terminal) {
      line.insert(0, '\r');
      if (prevWidth > visible) {
        line.append(" ".repeat(prevWidth - visible));
      }
      prevWidth = visible;
      out.print(line);
      if (last) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  static String rate(long bytes, double seconds) {
    if (seconds <= 0) {
      return "-";
    }
    return size((long) (bytes / seconds)) + "/s";
  }

  /** {@code bytes} in decimal units: {@code 512 B}, {@code 29.5 kB}, {@code 26.4 MB}. */
  static String size(long bytes) {
    String[] units = {"kB", "MB", "GB", "TB"};
    if (bytes < 1000) {
      return bytes + " B";
    }
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code bytes/length} in the unit of {@code length}: {@code 12.6/26.4 MB}. */
  static String sizes(long bytes, long length) {
    String total = size(length);
    if (length < 1000) {
      return bytes + "/" + total;
    }
    int exp = (int) Math.min(4, Math.floor(Math.log10(length) / 3));
    double scale = Math.pow(1000, exp);
    return String.format(Locale.ROOT, "%.1f/%s", bytes / scale, total);
  }
}
