package dev.graft.models;

import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@link Model#summary()}, laid out as Keras 3 prints it: the model's name, a box-drawn
 * table with one row per layer, and the parameter totals with their size in bytes.
 *
 * <pre>{@code
 * Model: "mlp"
 * ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┓
 * ┃ Layer (type)                         ┃ Output Shape                ┃        Param # ┃
 * ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━┩
 * │ dense (Dense)                        │ (None, 5)                   │             25 │
 * └──────────────────────────────────────┴─────────────────────────────┴────────────────┘
 *  Total params: 25 (100.00 B)
 *  ...
 * }</pre>
 *
 * <p>As in Keras: a {@link Sequential} lists its layers without the input layer; a functional model
 * lists its input layers too, and when its graph is not a plain chain (branches, merges, several
 * inputs or outputs, a layer called twice) the table gains a "Connected to" column naming each
 * call's inputs as {@code layer[call][output]}. A nested model is one row with its type ({@code
 * Functional}, {@code Sequential}) and its total parameter count, unless {@link
 * Options#expandNested} asks for its layers too. A layer called several times is one row showing
 * the output shape of its first call in this model. Column widths follow Keras's proportions of the
 * line length (default 88 characters, 108 with the "Connected to" column); cells too narrow for
 * their text wrap onto more lines. Sizes assume 4 bytes a parameter (float32).
 */
public final class Summary {
  private static final int SEQUENTIAL_LINE_LENGTH = 88;
  private static final int GRAPH_LINE_LENGTH = 108;
  private static final double[] SEQUENTIAL_POSITIONS = {0.45, 0.80, 1.0};
  private static final double[] GRAPH_POSITIONS = {0.3, 0.56, 0.74, 1.0};
  private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*");

  /**
   * Settings of a summary.
   *
   * @param lineLength the table's total width in characters, or 0 for Keras's default
   * @param expandNested whether nested models also list their layers, indented with {@code └}
   */
  public record Options(int lineLength, boolean expandNested) {
    public Options {
      if (lineLength < 0) {
        throw new IllegalArgumentException(
            "Summary: lineLength must be positive (or 0 for the default), got " + lineLength);
      }
    }

    /** Keras's defaults: its line length, nested models as single rows. */
    public static Options defaults() {
      return new Options(0, false);
    }

    public Options lineLength(int n) {
      return new Options(n, expandNested);
    }

    public Options expandNested(boolean b) {
      return new Options(lineLength, b);
    }
  }

  private Summary() {}

  /** The summary with Keras's default settings. */
  public static String of(Model model) {
    return of(model, Options.defaults());
  }

  /** The summary with the given settings. Ends with a line break. */
  public static String of(Model model, Options options) {
    boolean sequentialLike = model instanceof Sequential || isChain(model);
    List<String> header = new ArrayList<>(List.of("Layer (type)", "Output Shape", "Param #"));
    List<Boolean> rightAligned = new ArrayList<>(List.of(false, false, true));
    double[] positions = SEQUENTIAL_POSITIONS;
    int lineLength = SEQUENTIAL_LINE_LENGTH;
    if (!sequentialLike) {
      header.add("Connected to");
      rightAligned.add(false);
      positions = GRAPH_POSITIONS;
      lineLength = GRAPH_LINE_LENGTH;
    }
    if (options.lineLength() > 0) {
      lineLength = options.lineLength();
    }

    List<List<String>> rows = new ArrayList<>();
    for (Layer layer : model.layers()) {
      addRows(rows, model, layer, 0, !sequentialLike, options.expandNested());
    }

    StringBuilder out = new StringBuilder();
    out.append("Model: \"").append(model.name()).append("\"\n");
    new Table(header, rightAligned, columnWidths(positions, lineLength), lineLength)
        .render(rows, out);
    long trainable = count(model.trainableWeights());
    long nonTrainable = count(model.nonTrainableWeights());
    appendTotal(out, "Total params", trainable + nonTrainable);
    appendTotal(out, "Trainable params", trainable);
    appendTotal(out, "Non-trainable params", nonTrainable);
    return out.toString();
  }

  // ---- rows ----

  private static void addRows(
      List<List<String>> rows,
      Model owner,
      Layer layer,
      int level,
      boolean connections,
      boolean expandNested) {
    String prefix = level == 0 ? "" : "   ".repeat(level) + "└ ";
    List<String> row = new ArrayList<>();
    row.add(prefix + layer.name() + " (" + layer.typeName() + ")");
    row.add(outputShape(owner, layer));
    row.add(
        layer.isBuilt() ? String.format(Locale.ROOT, "%,d", layer.countParams()) : "0 (unbuilt)");
    if (connections) {
      row.add(level == 0 ? connectedTo(owner, layer) : "-");
    }
    rows.add(row);
    if (expandNested && layer instanceof Model nested) {
      for (Layer inner : nested.layers()) {
        addRows(rows, nested, inner, level + 1, connections, true);
      }
    }
  }

  /** The output shape of the layer's first call in {@code owner}'s graph, or "?" if none. */
  private static String outputShape(Model owner, Layer layer) {
    for (Node n : owner.nodes()) {
      if (n.layer() == layer) {
        List<KerasTensor> outs = n.outputs();
        if (outs.size() == 1) {
          return formatShape(outs.get(0).shape());
        }
        List<String> shapes = new ArrayList<>();
        for (KerasTensor t : outs) {
          shapes.add(formatShape(t.shape()));
        }
        return "[" + String.join(", ", shapes) + "]";
      }
    }
    return "?";
  }

  /** Keras's summary shape: {@code (None, 8, 8, 8)}; rank 1 is {@code (None)}. */
  static String formatShape(int[] shape) {
    List<String> dims = new ArrayList<>();
    for (int d : shape) {
      dims.add(d < 0 ? "None" : Integer.toString(d));
    }
    return "(" + String.join(", ", dims) + ")";
  }

  private static String connectedTo(Model owner, Layer layer) {
    List<String> parts = new ArrayList<>();
    for (Node n : owner.nodes()) {
      if (n.layer() != layer) {
        continue;
      }
      for (KerasTensor t : n.inputs()) {
        parts.add(t.node().layer().name() + "[" + t.node().callIndex() + "][" + t.index() + "]");
      }
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /**
   * Keras's test for the short (three-column) table: every depth of the graph holds one node, no
   * node has several inputs, and no layer is called twice.
   */
  private static boolean isChain(Model model) {
    List<Node> nodes = model.nodes();
    Set<Node> inModel = Collections.newSetFromMap(new IdentityHashMap<>());
    inModel.addAll(nodes);
    Map<Node, Integer> depth = new IdentityHashMap<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      depth.putIfAbsent(n, 0);
      if (n.inputs().size() > 1) {
        return false;
      }
      for (KerasTensor t : n.inputs()) {
        Node producer = t.node();
        if (inModel.contains(producer)) {
          depth.merge(producer, depth.get(n) + 1, Math::max);
        }
      }
    }
    Map<Integer, Integer> perDepth = new HashMap<>();
    for (int d : depth.values()) {
      if (perDepth.merge(d, 1, Integer::sum) > 1) {
        return false;
      }
    }
    Set<Layer> layers = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : nodes) {
      if (!layers.add(n.layer())) {
        return false;
      }
    }
    return true;
  }

  // ---- totals ----

  private static long count(List<Variable> weights) {
    long n = 0;
    for (Variable v : weights) {
      n += v.size();
    }
    return n;
  }

  private static void appendTotal(StringBuilder out, String label, long params) {
    out.append(' ')
        .append(label)
        .append(": ")
        .append(String.format(Locale.ROOT, "%,d", params))
        .append(" (")
        .append(readableSize(params * 4L))
        .append(")\n");
  }

  /**
   * Keras's size text: B, KB, MB, ... (powers of 1024) with two decimals, rounded as Python's
   * {@code format} rounds the exact binary value (half to even on exact ties).
   */
  static String readableSize(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
    double size = bytes;
    for (int i = 0; i < units.length - 1; i++) {
      if (size / 1024 < 1) {
        return twoDecimals(size) + " " + units[i];
      }
      size /= 1024;
    }
    return twoDecimals(size) + " " + units[units.length - 1];
  }

  private static String twoDecimals(double v) {
    return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  // ---- layout ----

  /** Keras's column widths (without padding) from the relative positions of the column ends. */
  private static int[] columnWidths(double[] positions, int lineLength) {
    int[] widths = new int[positions.length];
    int current = 0;
    for (int i = 0; i < positions.length; i++) {
      int w = (int) (positions[i] * lineLength) - current;
      if (w < 4) {
        throw new IllegalArgumentException(
            "Summary: a line length of "
                + lineLength
                + " is too narrow for the table; use at least "
                + (int) Math.ceil(4 / positions[0]));
      }
      widths[i] = w;
      current += w;
    }
    return widths;
  }

  /**
   * A box-drawn table with a heavy header, a line between rows, one space of padding each side of a
   * cell, and columns fitted to the line length as the Rich library fits them.
   */
  private static final class Table {
    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final int[] cells;

    Table(List<String> header, List<Boolean> rightAligned, int[] widths, int lineLength) {
      this.header = header;
      this.rightAligned = rightAligned;
      this.cells = fit(widths, lineLength);
    }

    /** Widths including padding, shrunk or grown so the table with borders is the line length. */
    private static int[] fit(int[] widths, int lineLength) {
      int n = widths.length;
      int[] padded = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        padded[i] = widths[i] + 2;
        total += padded[i];
      }
      int available = lineLength - (n + 1);
      if (total > available) {
        return reduce(total - available, padded);
      }
      if (total < available) {
        int[] extra = distribute(available - total, padded);
        for (int i = 0; i < n; i++) {
          padded[i] += extra[i];
        }
      }
      return padded;
    }

    /** Takes {@code excess} away in proportion to each width (rounding half to even). */
    private static int[] reduce(int excess, int[] widths) {
      int[] out = widths.clone();
      long ratioLeft = 0;
      for (int w : widths) {
        ratioLeft += w;
      }
      int remaining = excess;
      for (int i = 0; i < widths.length && ratioLeft > 0; i++) {
        int cut = (int) Math.min(widths[i], Math.rint((double) widths[i] * remaining / ratioLeft));
        out[i] = widths[i] - cut;
        remaining -= cut;
        ratioLeft -= widths[i];
      }
      return out;
    }

    /** Splits {@code extra} in proportion to each width (rounding up). */
    private static int[] distribute(int extra, int[] widths) {
      int[] out = new int[widths.length];
      long ratioLeft = 0;
      for (int w : widths) {
        ratioLeft += w;
      }
      int remaining = extra;
      for (int i = 0; i < widths.length; i++) {
        int share =
            ratioLeft > 0 ? (int) Math.ceil((double) widths[i] * remaining / ratioLeft) : remaining;
        out[i] = share;
        ratioLeft -= widths[i];
        remaining -= share;
      }
      return out;
    }

    void render(List<List<String>> rows, StringBuilder out) {
      rule(out, '┏', '━', '┳', '┓');
      row(out, header, '┃');
      rule(out, '┡', '━', '╇', '┩');
      for (int r = 0; r < rows.size(); r++) {
        if (r > 0) {
          rule(out, '├', '─', '┼', '┤');
        }
        row(out, rows.get(r), '│');
      }
      rule(out, '└', '─', '┴', '┘');
    }

    private void rule(StringBuilder out, char left, char fill, char cross, char right) {
      out.append(left);
      for (int c = 0; c < cells.length; c++) {
        if (c > 0) {
          out.append(cross);
        }
        out.append(String.valueOf(fill).repeat(cells[c]));
      }
      out.append(right).append('\n');
    }

    private void row(StringBuilder out, List<String> values, char border) {
      List<List<String>> wrapped = new ArrayList<>();
      int height = 1;
      for (int c = 0; c < cells.length; c++) {
        List<String> lines = wrap(values.get(c), cells[c] - 2);
        wrapped.add(lines);
        height = Math.max(height, lines.size());
      }
      for (int line = 0; line < height; line++) {
        out.append(border);
        for (int c = 0; c < cells.length; c++) {
          if (c > 0) {
            out.append(border);
          }
          List<String> lines = wrapped.get(c);
          String text = line < lines.size() ? lines.get(line) : "";
          int pad = cells[c] - 2 - text.length();
          out.append(' ');
          if (rightAligned.get(c)) {
            out.append(" ".repeat(pad)).append(text);
          } else {
            out.append(text).append(" ".repeat(pad));
          }
          out.append(' ');
        }
        out.append(border).append('\n');
      }
    }
  }

  /**
   * Wraps text to a width as Rich does: breaks before a word that does not fit, and splits a word
   * longer than the width into pieces. Lines lose their trailing spaces.
   */
  static List<String> wrap(String text, int width) {
    List<Integer> breaks = new ArrayList<>();
    int position = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      int start = m.start();
      String word = m.group();
      int wordLength = word.stripTrailing().length();
      if (width - position >= wordLength) {
        position += word.length();
      } else if (wordLength > width) {
        for (int at = 0; at < word.length(); at += width) {
          int end = Math.min(word.length(), at + width);
          if (start + at > 0) {
            breaks.add(start + at);
          }
          position = end - at;
        }
      } else {
        breaks.add(start);
        position = word.length();
      }
    }
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int b : breaks) {
      lines.add(text.substring(from, b).stripTrailing());
      from = b;
    }
    lines.add(text.substring(from).stripTrailing());
    return lines;
  }
}
