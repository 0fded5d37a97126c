package dev.graft.data.image;

import dev.graft.layers.Layer;
import dev.graft.saving.AtomicFiles;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * Writes a PNG grid of images with a title above each, the picture the Keras guides draw with
 * matplotlib ({@code plt.subplot(3, 3, i + 1); plt.imshow(...); plt.title(class_names[label])}).
 *
 * <pre>{@code
 * ImageGrid.write(trainBatches, ds.classNames(), 3, 3, Path.of("grid.png"));
 * ImageGrid.writeAugmentations(image, augmentation, 3, 3, Path.of("augmented_grid.png"));
 * }</pre>
 *
 * <p><b>Layout.</b> Images are HWC tensors with values in {@code [0, 255]} and 1 (gray), 3 (RGB) or
 * 4 channels (alpha ignored); each value is rounded and clamped to {@code 0..255}. Every image is
 * drawn at the same whole scale {@code s}, the smallest that makes the largest image's longer side
 * at least {@value #MIN_CELL} pixels (nearest neighbour, so pixels stay sharp), centred in a cell
 * of the largest image's size times {@code s}. With titles, a strip of {@value #TITLE_HEIGHT}
 * pixels above each cell holds its title, centred (shortened with an ellipsis if too wide). Cells
 * are filled row by row, {@value #PAD} pixels apart and from the border, on white.
 *
 * <p>Titles use DejaVu Sans where installed, else Java's sans-serif font. If text cannot be drawn
 * (a headless JRE without fonts), the grid is written without titles and one warning is logged
 * (logger {@code dev.graft.data}). Files are written atomically ({@link AtomicFiles}).
 */
public final class ImageGrid {
  /** The smallest longer side of a drawn image, in pixels. */
  public static final int MIN_CELL = 128;

  /** The height of the title strip above each cell. */
  public static final int TITLE_HEIGHT = 22;

  /** The space between cells and around the grid. */
  public static final int PAD = 10;

  private static final System.Logger LOG = System.getLogger("dev.graft.data");
  private static final AtomicBoolean FONT_WARNED = new AtomicBoolean();
  private static final Path DEJAVU_SANS =
      Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ImageGrid() {}

  /**
   * Writes {@code images} into a {@code rows x cols} grid, row by row, with {@code titles[i]} above
   * image {@code i}.
   *
   * @param images at most {@code rows * cols} images {@code (height, width, channels)}
   * @param titles one per image, or {@code null} for none
   * @throws IllegalArgumentException if there are too many images, titles do not match, or an image
   *     is not HWC with 1, 3 or 4 channels
   * @throws IOException if the file cannot be written
   */
  public static void write(List<Tensor> images, List<String> titles, int rows, int cols, Path png)
      throws IOException {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "ImageGrid: rows and cols must be positive, got " + rows + "x" + cols);
    }
    if (images == null || images.isEmpty() || images.size() > rows * cols) {
      throw new IllegalArgumentException(
          "ImageGrid: need 1 to "
              + rows * cols
              + " images for a "
              + rows
              + "x"
              + cols
              + " grid, got "
              + (images == null ? "null" : images.size()));
    }
    if (titles != null && titles.size() != images.size()) {
      throw new IllegalArgumentException(
          "ImageGrid: " + images.size() + " images but " + titles.size() + " titles");
    }
    if (png == null) {
      throw new IllegalArgumentException("ImageGrid: the output path is null");
    }
    for (int i = 0; i < images.size(); i++) {
      checkImage(images.get(i), i);
    }
    BufferedImage grid = render(images, titles, rows, cols);
    Path dir = png.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    AtomicFiles.replace(
        png,
        tmp -> {
          if (!ImageIO.write(grid, "png", tmp.toFile())) {
            throw new IOException("ImageGrid: no PNG writer in this Java runtime");
          }
        });
  }

  /**
   * Writes the first {@code rows * cols} images of labelled batches with their class names as
   * titles: {@code classNames.get(label)} for integer labels {@code (n)}, binary labels {@code (n,
   * 1)} (rounded) and one-hot labels {@code (n, k)} (the largest entry). Batches without labels
   * give no titles; {@code classNames == null} prints the label numbers.
   */
  public static void write(
      Iterable<Batch> batches, List<String> classNames, int rows, int cols, Path png)
      throws IOException {
    List<Tensor> images = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    boolean labelled = true;
    int want = rows * cols;
    Iterator<Batch> it = batches.iterator();
    try {
      while (images.size() < want && it.hasNext()) {
        Batch b = it.next();
        List<Tensor> xs = unstack(b.x());
        for (int i = 0; i < xs.size() && images.size() < want; i++) {
          images.add(xs.get(i));
          labelled &= b.y() != null;
          if (b.y() != null) {
            int label = labelOf(b.y(), i);
            titles.add(
                classNames == null
                    ? Integer.toString(label)
                    : label >= 0 && label < classNames.size()
                        ? classNames.get(label)
                        : "label " + label);
          }
        }
      }
    } finally {
      if (it instanceof AutoCloseable c) {
        closeQuietly(c);
      }
    }
    write(images, labelled ? titles : null, rows, cols, png);
  }

  /**
   * Draws {@code rows * cols} augmentations of one image: each cell is {@code
   * augmentation.apply(image, true)} on a batch of that one image ({@code training = true}, so the
   * random layers act), as the Keras guide's {@code data_augmentation(first_image)} grid.
   *
   * @param image {@code (height, width, channels)} or a batch of one
   */
  public static void writeAugmentations(
      Tensor image, Layer augmentation, int rows, int cols, Path png) throws IOException {
    if (image == null || augmentation == null) {
      throw new IllegalArgumentException("ImageGrid: image and augmentation are required");
    }
    int[] d = image.shape().dims();
    Tensor batch;
    if (d.length == 3) {
      batch = image.reshape(1, d[0], d[1], d[2]);
    } else if (d.length == 4 && d[0] == 1) {
      batch = image;
    } else {
      throw new IllegalArgumentException(
          "ImageGrid: expected one image (height, width, channels) or a batch of one, got shape "
              + image.shape());
    }
    List<Tensor> images = new ArrayList<>();
    for (int i = 0; i < rows * cols; i++) {
      images.add(unstack(augmentation.apply(batch, true)).get(0));
    }
    write(images, null, rows, cols, png);
  }

  // ---- rendering ----

  private static BufferedImage render(
      List<Tensor> images, List<String> titles, int rows, int cols) {
    int maxH = 0;
    int maxW = 0;
    for (Tensor t : images) {
      maxH = Math.max(maxH, t.shape().dim(0));
      maxW = Math.max(maxW, t.shape().dim(1));
    }
    int s = Math.max(1, (MIN_CELL + Math.max(maxH, maxW) - 1) / Math.max(maxH, maxW));
    int cellW = maxW * s;
    int cellH = maxH * s;
    int strip = titles == null ? 0 : TITLE_HEIGHT;
    int width = PAD + cols * (cellW + PAD);
    int height = PAD + rows * (strip + cellH + PAD);
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] white = new int[width * height];
    Arrays.fill(white, 0xFFFFFF);
    out.setRGB(0, 0, width, height, white, 0, width);
    for (int i = 0; i < images.size(); i++) {
      Tensor t = images.get(i);
      int h = t.shape().dim(0);
      int w = t.shape().dim(1);
      int x0 = PAD + (i % cols) * (cellW + PAD) + (cellW - w * s) / 2;
      int y0 = PAD + (i / cols) * (strip + cellH + PAD) + strip + (cellH - h * s) / 2;
      drawImage(out, t, x0, y0, s);
    }
    if (titles == null) {
      return out;
    }
    BufferedImage withTitles = copy(out);
    try {
      drawTitles(withTitles, titles, cols, cellW, cellH);
      return withTitles;
    } catch (RuntimeException | Error e) { // font subsystems fail with errors, not exceptions
      if (FONT_WARNED.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING, "ImageGrid: cannot draw text (" + e + "); writing grids without titles");
      }
      return out;
    }
  }

  private static void drawImage(BufferedImage out, Tensor t, int x0, int y0, int s) {
    int h = t.shape().dim(0);
    int w = t.shape().dim(1);
    int c = t.shape().dim(2);
    float[] v = t.toFloatArray();
    int[] row = new int[w * s];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * c;
        int r = byteOf(v[p]);
        int g = c >= 3 ? byteOf(v[p + 1]) : r;
        int b = c >= 3 ? byteOf(v[p + 2]) : r;
        Arrays.fill(row, x * s, (x + 1) * s, (r << 16) | (g << 8) | b);
      }
      for (int k = 0; k < s; k++) {
        out.setRGB(x0, y0 + y * s + k, w * s, 1, row, 0, w * s);
      }
    }
  }

  private static int byteOf(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    return Math.max(0, Math.min(255, Math.round(v)));
  }

  private static void drawTitles(
      BufferedImage out, List<String> titles, int cols, int cellW, int cellH) {
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(titleFont());
      g.setColor(Color.BLACK);
      FontMetrics m = g.getFontMetrics();
      for (int i = 0; i < titles.size(); i++) {
        String text = fit(titles.get(i) == null ? "" : titles.get(i), m, cellW);
        int x = PAD + (i % cols) * (cellW + PAD) + (cellW - m.stringWidth(text)) / 2;
        int top = PAD + (i / cols) * (TITLE_HEIGHT + cellH + PAD);
        int baseline = top + (TITLE_HEIGHT - m.getHeight()) / 2 + m.getAscent();
        g.drawString(text, x, baseline);
      }
    } finally {
      g.dispose();
    }
  }

  private static Font titleFont() {
    if (Files.isReadable(DEJAVU_SANS)) {
      try {
        return Font.createFont(Font.TRUETYPE_FONT, DEJAVU_SANS.toFile()).deriveFont(14f);
      } catch (FontFormatException | IOException e) {
        // fall through to the logical font
      }
    }
    return new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  }

  /** {@code text}, shortened with an ellipsis until it fits {@code width} pixels. */
  private static String fit(String text, FontMetrics m, int width) {
    if (m.stringWidth(text) <= width) {
      return text;
    }
    String t = text;
    while (!t.isEmpty() && m.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage c = new BufferedImage(src.getWidth(), src.getHeight(), src.getType());
    int[] px = src.getRGB(0, 0, src.getWidth(), src.getHeight(), null, 0, src.getWidth());
    c.setRGB(0, 0, src.getWidth(), src.getHeight(), px, 0, src.getWidth());
    return c;
  }

  // ---- tensors ----

  private static void checkImage(Tensor t, int i) {
    int[] d = t == null ? null : t.shape().dims();
    if (d == null
        || d.length != 3
        || d[0] < 1
        || d[1] < 1
        || !(d[2] == 1 || d[2] == 3 || d[2] == 4)) {
      throw new IllegalArgumentException(
          "ImageGrid: image "
              + i
              + " must be (height, width, channels) with 1, 3 or 4 channels, got "
              + (t == null ? "null" : t.shape()));
    }
  }

  private static List<Tensor> unstack(Tensor batch) {
    int[] d = batch.shape().dims();
    if (d.length != 4) {
      throw new IllegalArgumentException(
          "ImageGrid: expected a batch of images (n, height, width, channels), got shape "
              + batch.shape());
    }
    int per = d[1] * d[2] * d[3];
    float[] v = batch.toFloatArray();
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < d[0]; i++) {
      out.add(Tensor.of(Arrays.copyOfRange(v, i * per, (i + 1) * per), d[1], d[2], d[3]));
    }
    return out;
  }

  private static int labelOf(Tensor y, int i) {
    int[] d = y.shape().dims();
    float[] v = y.toFloatArray();
    if (d.length == 1) {
      return Math.round(v[i]);
    }
    int k = y.size() / d[0];
    if (k == 1) {
      return Math.round(v[i]);
    }
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (v[i * k + j] > v[i * k + best]) {
        best = j;
      }
    }
    return best;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "ImageGrid: closing the batch iterator failed", e);
    }
  }
}
