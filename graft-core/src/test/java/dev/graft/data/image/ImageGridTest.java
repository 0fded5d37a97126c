package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.data.Dataset;
import dev.graft.layers.preprocessing.RandomFlip;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the written PNG back with ImageIO and checks it against the layout the javadoc states:
 * scale, cell positions, title strips.
 */
class ImageGridTest {
  private static final int H = 10;
  private static final int W = 8;
  // The documented layout for 10x8 images: scale ceil(128 / 10) = 13.
  private static final int S = 13;
  private static final int CELL_W = W * S;
  private static final int CELL_H = H * S;

  @TempDir Path dir;

  /** Four flat quadrants whose colours depend on {@code i}. */
  private static int[][] quadrantColours(int i) {
    return new int[][] {
      {20 * i, 200, 30}, {250, 10 * i, 90}, {5, 60, 255 - 20 * i}, {128 + i, 128, 7 * i}
    };
  }

  private static Tensor quadrants(int i) {
    int[][] q = quadrantColours(i);
    float[] v = new float[H * W * 3];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int[] c = q[(y < H / 2 ? 0 : 2) + (x < W / 2 ? 0 : 1)];
        for (int k = 0; k < 3; k++) {
          v[(y * W + x) * 3 + k] = c[k] + 0.3f; // rounds to the integer
        }
      }
    }
    return Tensor.of(v, H, W, 3);
  }

  private static int cellLeft(int i, int cols) {
    return ImageGrid.PAD + (i % cols) * (CELL_W + ImageGrid.PAD);
  }

  private static int cellTop(int i, int cols, int strip) {
    return ImageGrid.PAD + (i / cols) * (strip + CELL_H + ImageGrid.PAD) + strip;
  }

  /** The grid pixel at the centre of source pixel (x, y) of image i. */
  private static int[] at(BufferedImage png, int i, int cols, int strip, int x, int y) {
    int rgb =
        png.getRGB(cellLeft(i, cols) + x * S + S / 2, cellTop(i, cols, strip) + y * S + S / 2);
    return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
  }

  private static void assertQuadrants(BufferedImage png, int i, int cols, int strip, int[][] q) {
    assertArrayEquals(q[0], at(png, i, cols, strip, 1, 1), "image " + i + " top left");
    assertArrayEquals(q[1], at(png, i, cols, strip, W - 2, 1), "image " + i + " top right");
    assertArrayEquals(q[2], at(png, i, cols, strip, 1, H - 2), "image " + i + " bottom left");
    assertArrayEquals(q[3], at(png, i, cols, strip, W - 2, H - 2), "image " + i + " bottom right");
  }

  /** Non-white pixels in the title strip of cell i. */
  private static int ink(BufferedImage png, int i, int cols) {
    int n = 0;
    int top = cellTop(i, cols, ImageGrid.TITLE_HEIGHT) - ImageGrid.TITLE_HEIGHT;
    for (int y = top; y < top + ImageGrid.TITLE_HEIGHT; y++) {
      for (int x = cellLeft(i, cols); x < cellLeft(i, cols) + CELL_W; x++) {
        n += (png.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
      }
    }
    return n;
  }

  private static int[] strip(BufferedImage png, int i, int cols) {
    int top = cellTop(i, cols, ImageGrid.TITLE_HEIGHT) - ImageGrid.TITLE_HEIGHT;
    return png.getRGB(cellLeft(i, cols), top, CELL_W, ImageGrid.TITLE_HEIGHT, null, 0, CELL_W);
  }

  @Test
  void pixelsSizesAndTitles() throws Exception {
    List<Tensor> images = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      images.add(quadrants(i));
    }
    Path png = dir.resolve("grid.png");
    ImageGrid.write(images, List.of("cat", "dog", "cat", "Ankle boot", "x"), 2, 3, png);
    BufferedImage img = ImageIO.read(png.toFile());
    int pad = ImageGrid.PAD;
    assertEquals(pad + 3 * (CELL_W + pad), img.getWidth());
    assertEquals(pad + 2 * (ImageGrid.TITLE_HEIGHT + CELL_H + pad), img.getHeight());
    for (int i = 0; i < 5; i++) {
      assertQuadrants(img, i, 3, ImageGrid.TITLE_HEIGHT, quadrantColours(i));
      assertTrue(ink(img, i, 3) > 20, "title of cell " + i + " drawn");
    }
    assertEquals(0, ink(img, 5, 3), "the sixth cell has no title");
    assertArrayEquals(strip(img, 0, 3), strip(img, 2, 3), "the same title twice");
    assertTrue(!Arrays.equals(strip(img, 0, 3), strip(img, 1, 3)), "cat and dog differ");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "no temporary file left");
    }
  }

  @Test
  void withoutTitlesThereIsNoStripAndGrayIsReplicated() throws Exception {
    float[] gray = new float[H * W];
    for (int p = 0; p < gray.length; p++) {
      gray[p] = p < gray.length / 2 ? 300 : -4; // clamped to 255 and 0
    }
    Path png = dir.resolve("plain.png");
    ImageGrid.write(List.of(Tensor.of(gray, H, W, 1)), null, 1, 2, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(ImageGrid.PAD + (CELL_H + ImageGrid.PAD), img.getHeight());
    assertArrayEquals(new int[] {255, 255, 255}, at(img, 0, 2, 0, 3, 1));
    assertArrayEquals(new int[] {0, 0, 0}, at(img, 0, 2, 0, 3, H - 1));
  }

  @Test
  void labelledBatchesGiveClassNamesAsTitles() throws Exception {
    List<Tensor> xs = new ArrayList<>();
    float[] labels = {1, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
      xs.add(quadrants(i).reshape(1, H, W, 3));
    }
    Tensor x = dev.graft.tensor.Ops.concat(0, xs.toArray(new Tensor[0]));
    Dataset<Batch> batches =
        Dataset.fromList(
            List.of(Batch.of(x, Tensor.of(labels, 4)), Batch.of(x, Tensor.of(labels, 4))));
    Path png = dir.resolve("batches.png");
    ImageGrid.write(batches, List.of("cat", "dog"), 2, 3, png);
    BufferedImage img = ImageIO.read(png.toFile());
    for (int i = 0; i < 6; i++) {
      assertQuadrants(img, i, 3, ImageGrid.TITLE_HEIGHT, quadrantColours(i % 4));
    }
    // Titles follow labels 1 0 1 1 1 0: dog cat dog dog dog cat.
    assertArrayEquals(strip(img, 0, 3), strip(img, 2, 3));
    assertArrayEquals(strip(img, 1, 3), strip(img, 5, 3));
    assertTrue(!Arrays.equals(strip(img, 0, 3), strip(img, 1, 3)));
  }

  @Test
  void augmentationsOfOneImage() throws Exception {
    Tensor image = quadrants(3);
    Path png = dir.resolve("aug.png");
    ImageGrid.writeAugmentations(image, new RandomFlip("horizontal", 11L, null), 3, 3, png);
    BufferedImage img = ImageIO.read(png.toFile());
    int[][] q = quadrantColours(3);
    int[][] flipped = {q[1], q[0], q[3], q[2]};
    int plain = 0;
    int mirrored = 0;
    for (int i = 0; i < 9; i++) {
      boolean isPlain = Arrays.equals(q[0], at(img, i, 3, 0, 1, 1));
      assertQuadrants(img, i, 3, 0, isPlain ? q : flipped);
      plain += isPlain ? 1 : 0;
      mirrored += isPlain ? 0 : 1;
    }
    assertTrue(plain > 0 && mirrored > 0, plain + " plain, " + mirrored + " mirrored");
  }

  @Test
  void badInputIsRejected() {
    List<Tensor> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(quadrants(0));
    }
    Path png = dir.resolve("bad.png");
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(ten, null, 3, 3, png));
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageGrid.write(List.of(Tensor.zeros(4, 4, 2)), null, 1, 1, png));
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageGrid.write(List.of(quadrants(0)), List.of("a", "b"), 1, 1, png));
    assertTrue(!Files.exists(png));
  }
}
