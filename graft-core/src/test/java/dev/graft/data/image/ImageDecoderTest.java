package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  @TempDir Path dir;

  /** A smooth colour gradient, so JPEG round trips stay close. */
  static BufferedImage gradient(int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = x * 255 / Math.max(1, w - 1);
        int g = y * 255 / Math.max(1, h - 1);
        int b = (x + y) * 255 / Math.max(1, w + h - 2);
        int a = 100 + (x * 155 / Math.max(1, w - 1));
        img.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  private Path write(BufferedImage img, String format, String name) throws IOException {
    Path p = dir.resolve(name);
    assertTrue(ImageIO.write(img, format, p.toFile()), "no ImageIO writer for " + format);
    return p;
  }

  private static void assertPixels(BufferedImage img, Tensor t, boolean alpha, float tol) {
    int c = alpha ? 4 : 3;
    assertArrayEquals(new int[] {img.getHeight(), img.getWidth(), c}, t.shape().dims());
    float[] v = t.toFloatArray();
    float worst = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        int o = (y * img.getWidth() + x) * c;
        worst = Math.max(worst, Math.abs(v[o] - ((p >>> 16) & 0xff)));
        worst = Math.max(worst, Math.abs(v[o + 1] - ((p >>> 8) & 0xff)));
        worst = Math.max(worst, Math.abs(v[o + 2] - (p & 0xff)));
        if (alpha) {
          worst = Math.max(worst, Math.abs(v[o + 3] - (p >>> 24)));
        }
      }
    }
    assertTrue(worst <= tol, "worst pixel difference " + worst + " > " + tol);
  }

  @Test
  void pngBmpGifRoundTripExactly() throws Exception {
    BufferedImage rgb = gradient(13, 7, BufferedImage.TYPE_INT_RGB);
    assertPixels(rgb, ImageDecoder.decode(write(rgb, "png", "a.png")), false, 0);
    assertPixels(rgb, ImageDecoder.decode(write(rgb, "bmp", "a.bmp")), false, 0);
    BufferedImage argb = gradient(13, 7, BufferedImage.TYPE_INT_ARGB);
    assertPixels(argb, ImageDecoder.decode(write(argb, "png", "b.png"), ColorMode.RGBA), true, 0);
    // GIF is palette based: a 4-colour image survives exactly.
    int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
    java.awt.image.IndexColorModel palette =
        new java.awt.image.IndexColorModel(
            8, 4, colours, 0, false, -1, java.awt.image.DataBuffer.TYPE_BYTE);
    BufferedImage few = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_INDEXED, palette);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        few.setRGB(x, y, colours[(x + y) % 4]);
      }
    }
    Path gif = write(few, "gif", "c.gif");
    // Against what ImageIO itself reads back (the JDK GIF writer's own round trip is not exact).
    assertPixels(ImageIO.read(gif.toFile()), ImageDecoder.decode(gif), false, 0);
    // RGB of an image without alpha in RGBA mode: alpha 255.
    Tensor rgba = ImageDecoder.decode(dir.resolve("a.png"), ColorMode.RGBA);
    assertEquals(255f, rgba.get(3, 4, 3));
  }

  @Test
  void jpegRoundTripsApproximately() throws Exception {
    BufferedImage rgb = gradient(32, 24, BufferedImage.TYPE_INT_RGB);
    assertPixels(rgb, ImageDecoder.decode(write(rgb, "jpeg", "a.jpg")), false, 24);
  }

  @Test
  void grayscaleKeepsStoredValuesAndConvertsColour() throws Exception {
    BufferedImage gray = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        gray.getRaster().setSample(x, y, 0, x * 40 + y);
      }
    }
    Path p = write(gray, "png", "g.png");
    Tensor g = ImageDecoder.decode(p, ColorMode.GRAYSCALE);
    assertArrayEquals(new int[] {4, 6, 1}, g.shape().dims());
    assertEquals(123f, g.get(3, 3, 0));
    Tensor asRgb = ImageDecoder.decode(p, ColorMode.RGB);
    assertEquals(123f, asRgb.get(3, 3, 0));
    assertEquals(123f, asRgb.get(3, 3, 2));
    BufferedImage colour = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    colour.setRGB(0, 0, 0xc86432); // 200, 100, 50
    Tensor luma = ImageDecoder.decode(write(colour, "png", "l.png"), ColorMode.GRAYSCALE);
    assertEquals(Math.round(0.299f * 200 + 0.587f * 100 + 0.114f * 50), luma.item());
  }

  @Test
  void progressiveJpegDecodes() throws Exception {
    BufferedImage rgb = gradient(40, 30, BufferedImage.TYPE_INT_RGB);
    Path p = dir.resolve("progressive.jpg");
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } finally {
      writer.dispose();
    }
    Files.write(p, bytes.toByteArray());
    // SOF2 (0xFFC2) marks a progressive frame.
    byte[] b = bytes.toByteArray();
    boolean sof2 = false;
    for (int i = 0; i + 1 < b.length; i++) {
      sof2 |= (b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xc2;
    }
    assertTrue(sof2, "the writer did not make a progressive JPEG");
    assertPixels(rgb, ImageDecoder.decode(p), false, 24);
  }

  @Test
  void cmykJpegDecodesToRgb() throws Exception {
    // A 4-band raster written by the JDK's JPEG writer is stored as CMYK/YCCK (Adobe APP14);
    // ImageIO alone hands such files back as raw 4-band rasters.
    int w = 16;
    int h = 8;
    java.awt.image.WritableRaster raster =
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, new int[] {0, 255, 255, 0}); // pure red in CMYK, no black
      }
    }
    Path p = dir.resolve("cmyk.jpg");
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
    }
    Files.write(p, bytes.toByteArray());
    Tensor t = ImageDecoder.decode(p);
    assertArrayEquals(new int[] {h, w, 3}, t.shape().dims());
    // Converted to three channels by the plugin (the exact colours depend on how the writer
    // tagged the file, so only uniformity and range are checked).
    float[] v = t.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      assertTrue(v[i] >= 0 && v[i] <= 255);
      assertEquals(v[i % 3], v[i], 8f);
    }
  }

  private static ImageWriter jdkJpegWriter() {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    List<ImageWriter> all = new ArrayList<>();
    it.forEachRemaining(all::add);
    for (ImageWriter w : all) {
      if (w.getClass().getName().startsWith("com.sun")) {
        return w;
      }
    }
    return all.get(0);
  }

  @Test
  void brokenFilesThrowNamingTheFile() throws Exception {
    BufferedImage rgb = gradient(64, 48, BufferedImage.TYPE_INT_RGB);
    byte[] jpeg = Files.readAllBytes(write(rgb, "jpeg", "whole.jpg"));
    byte[] png = Files.readAllBytes(write(rgb, "png", "whole.png"));
    byte[] random = new byte[2000];
    new Random(5).nextBytes(random);
    List<Path> broken = new ArrayList<>();
    broken.add(Files.write(dir.resolve("empty.jpg"), new byte[0]));
    broken.add(Files.write(dir.resolve("half.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2)));
    broken.add(Files.write(dir.resolve("header-only.jpg"), Arrays.copyOf(jpeg, 200)));
    broken.add(Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2)));
    broken.add(Files.write(dir.resolve("random.jpg"), random));
    broken.add(
        Files.write(
            dir.resolve("page.jpg"),
            "<html><body>Not found</body></html>\n".getBytes(StandardCharsets.UTF_8)));
    broken.add(
        Files.write(dir.resolve("notes.png"), "just text\n".getBytes(StandardCharsets.UTF_8)));
    byte[] macos = new byte[4096];
    System.arraycopy(
        "\0\5\26\7\0\2\0\0Mac OS X".getBytes(StandardCharsets.ISO_8859_1), 0, macos, 0, 16);
    broken.add(Files.write(dir.resolve("._photo.jpg"), macos));
    broken.add(dir.resolve("missing.jpg"));
    for (Path p : broken) {
      ImageDecodeException e =
          assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p), p.toString());
      assertEquals(p, e.file());
      assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
    }
  }

  @Test
  void hugeDeclaredSizeIsRejectedBeforeAllocating() throws Exception {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    byte[] png = Files.readAllBytes(write(one, "png", "one.png"));
    // IHDR width and height at bytes 16..23: declare 60000 x 60000 (the CRC is not checked).
    byte[] big = png.clone();
    int side = 60000;
    for (int k = 0; k < 2; k++) {
      big[16 + 4 * k] = (byte) (side >>> 24);
      big[17 + 4 * k] = (byte) (side >>> 16);
      big[18 + 4 * k] = (byte) (side >>> 8);
      big[19 + 4 * k] = (byte) side;
    }
    Path p = Files.write(dir.resolve("bomb.png"), big);
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p));
    assertTrue(e.reason().contains("60000x60000"), e.reason());
  }
}
