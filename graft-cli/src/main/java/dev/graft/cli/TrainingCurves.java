package dev.graft.cli;

import dev.graft.saving.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The curves PNG of {@code graft train} and {@code graft demo}: loss and accuracy per epoch,
 * training (blue) and validation (orange, when logged), both phases, with a dashed line where
 * fine-tuning starts. Java2D, headless.
 */
public final class TrainingCurves {
  /** The image's size in pixels. */
  public static final int WIDTH = 1000;

  public static final int HEIGHT = 420;

  private static final int PANEL = WIDTH / 2;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 50;
  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);
  private static final Color BOUNDARY = new Color(214, 39, 40);

  private TrainingCurves() {}

  /**
   * Writes the curves of {@code epochs} (each epoch's logs) to {@code png}, atomically.
   *
   * @param boundary the number of feature-extraction epochs (where the dashed line goes)
   */
  public static void write(List<Map<String, Double>> epochs, int boundary, Path png)
      throws IOException {
    write(epochs, boundary, "", png);
  }

  /**
   * As {@link #write(List, int, Path)}, with {@code caption} (e.g. {@code " (seed 1)"}) appended to
   * both panel titles.
   */
  public static void write(List<Map<String, Double>> epochs, int boundary, String caption, Path png)
      throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double maxLoss = 1e-6;
      for (Map<String, Double> e : epochs) {
        for (String k : List.of("loss", "val_loss")) {
          Double v = e.get(k);
          if (v != null && Double.isFinite(v)) {
            maxLoss = Math.max(maxLoss, v);
          }
        }
      }
      panel(g, 0, "Loss" + caption, epochs, "loss", maxLoss * 1.05, boundary);
      panel(g, PANEL, "Accuracy" + caption, epochs, "accuracy", 1, boundary);
    } finally {
      g.dispose();
    }
    AtomicFiles.replace(
        png,
        tmp -> {
          if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available to write " + png);
          }
        });
  }

  private static void panel(
      Graphics2D g,
      int x0,
      String title,
      List<Map<String, Double>> epochs,
      String key,
      double hi,
      int boundary) {
    int w = PANEL - LEFT - RIGHT;
    int h = HEIGHT - TOP - BOTTOM;
    int left = x0 + LEFT;
    int n = epochs.size();
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, left, TOP - 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(TRAIN);
    g.drawString("training", left, TOP - 10);
    if (epochs.stream().anyMatch(e -> e.containsKey("val_" + key))) {
      g.setColor(VALIDATION);
      g.drawString("validation", left + 70, TOP - 10);
    }
    for (int i = 0; i <= 4; i++) {
      double v = hi * i / 4;
      int y = yAt(v, hi, h);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left, y, left + w, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.2f", v), x0 + 15, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, TOP, w, h);
    g.drawString("epoch", left + w / 2 - 15, HEIGHT - 15);
    for (int e = 0; e <= n; e += Math.max(1, n / 5)) {
      g.drawString(Integer.toString(e), xAt(left, w, n, e) - 5, TOP + h + 16);
    }
    if (boundary > 0 && boundary < n) {
      int bx = xAt(left, w, n, boundary);
      g.setColor(BOUNDARY);
      g.setStroke(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(bx, TOP, bx, TOP + h);
      String label = "fine-tuning starts";
      int lw = g.getFontMetrics().stringWidth(label);
      g.drawString(label, bx > left + w / 2 ? bx - lw - 5 : bx + 5, TOP + 15);
    }
    line(g, epochs, key, TRAIN, left, w, h, hi);
    line(g, epochs, "val_" + key, VALIDATION, left, w, h, hi);
  }

  private static void line(
      Graphics2D g,
      List<Map<String, Double>> epochs,
      String key,
      Color color,
      int left,
      int w,
      int h,
      double hi) {
    int n = epochs.size();
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    int px = -1;
    int py = -1;
    for (int i = 0; i < n; i++) {
      Double v = epochs.get(i).get(key);
      if (v == null) {
        px = -1;
        continue;
      }
      int x = xAt(left, w, n, i + 1);
      int y = yAt(v, hi, h);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      } else {
        g.fillOval(x - 3, y - 3, 6, 6);
      }
      px = x;
      py = y;
    }
  }

  /** The x of the end of epoch {@code e} (1-based; 0 is the left edge). */
  private static int xAt(int left, int w, int n, int e) {
    return left + (int) Math.round((double) w * e / Math.max(1, n));
  }

  private static int yAt(double v, double hi, int h) {
    double c = Math.max(0, Math.min(hi, Double.isFinite(v) ? v : hi));
    return TOP + h - (int) Math.round(h * c / hi);
  }
}
