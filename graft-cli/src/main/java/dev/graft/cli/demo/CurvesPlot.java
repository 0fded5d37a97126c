package dev.graft.cli.demo;

import dev.graft.saving.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code demo-curves.png}: training loss and accuracy per epoch of feature extraction followed by
 * fine-tuning (one seed), side by side, with a dashed line where fine-tuning starts. Java2D only,
 * works headless.
 */
final class CurvesPlot {
  /** The image's size in pixels. */
  static final int WIDTH = 1000;

  static final int HEIGHT = 420;

  private static final int PANEL_WIDTH = WIDTH / 2;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 50;
  private static final Color LINE = new Color(31, 119, 180);
  private static final Color BOUNDARY = new Color(214, 39, 40);

  private CurvesPlot() {}

  /** Draws the curves of {@code r} and writes them to {@code file} (PNG), atomically. */
  static void write(SeedResult r, Path file) throws IOException {
    BufferedImage image = draw(r);
    AtomicFiles.replace(
        file,
        tmp -> {
          if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
          }
        });
  }

  static BufferedImage draw(SeedResult r) {
    List<Double> loss = concat(r, "loss");
    List<Double> accuracy = concat(r, "accuracy");
    int boundary = r.featureExtractionHistory().epochs().size();
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double maxLoss =
          Math.max(1e-6, loss.stream().mapToDouble(Double::doubleValue).max().orElse(1));
      panel(g, 0, "Training loss (seed " + r.seed() + ")", loss, 0, maxLoss * 1.05, boundary);
      panel(g, PANEL_WIDTH, "Training accuracy (seed " + r.seed() + ")", accuracy, 0, 1, boundary);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static List<Double> concat(SeedResult r, String name) {
    List<Double> all = new ArrayList<>(r.featureExtractionHistory().get(name));
    all.addAll(r.fineTuneHistory().get(name));
    return all;
  }

  private static void panel(
      Graphics2D g, int x0, String title, List<Double> ys, double lo, double hi, int boundary) {
    int w = PANEL_WIDTH - LEFT - RIGHT;
    int h = HEIGHT - TOP - BOTTOM;
    int left = x0 + LEFT;
    g.setStroke(new BasicStroke(1f));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, left, TOP - 20);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int n = ys.size();
    // Grid and y labels.
    for (int i = 0; i <= 4; i++) {
      double v = lo + (hi - lo) * i / 4;
      int y = TOP + h - (int) Math.round(h * (v - lo) / (hi - lo));
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left, y, left + w, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.2f", v), x0 + 15, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, TOP, w, h);
    g.drawString("epoch", left + w / 2 - 15, HEIGHT - 15);
    for (int e = 0; e <= n; e += Math.max(1, n / 5)) {
      int x = xAt(left, w, n, e);
      g.drawString(Integer.toString(e), x - 5, TOP + h + 16);
    }
    // Phase boundary.
    int bx = xAt(left, w, n, boundary);
    g.setColor(BOUNDARY);
    g.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(bx, TOP, bx, TOP + h);
    String label = "fine-tuning starts";
    int labelWidth = g.getFontMetrics().stringWidth(label);
    // Beside the line, on the side with more room.
    int lx = bx > left + w / 2 ? bx - labelWidth - 5 : bx + 5;
    g.drawString(label, lx, TOP + 15);
    g.setStroke(new BasicStroke(2f));
    g.setColor(LINE);
    for (int i = 1; i < n; i++) {
      g.drawLine(
          xAt(left, w, n, i),
          yAt(ys.get(i - 1), lo, hi, h),
          xAt(left, w, n, i + 1),
          yAt(ys.get(i), lo, hi, h));
    }
    if (n == 1) {
      g.fillOval(xAt(left, w, n, 1) - 3, yAt(ys.get(0), lo, hi, h) - 3, 6, 6);
    }
  }

  /** The x of the end of epoch {@code e} (1-based; 0 is the left edge). */
  private static int xAt(int left, int w, int n, int e) {
    return left + (int) Math.round((double) w * e / Math.max(1, n));
  }

  private static int yAt(double v, double lo, double hi, int h) {
    double c = Math.max(lo, Math.min(hi, Double.isFinite(v) ? v : hi));
    return TOP + h - (int) Math.round(h * (c - lo) / (hi - lo));
  }
}
