package dev.graft.data.image;

import dev.graft.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG, BMP and GIF files into HWC float32 tensors with values in {@code [0, 255]}:
 * {@code [height, width, channels]} with 1, 3 or 4 channels ({@link ColorMode}). The first frame of
 * an animated GIF; orientation as stored (EXIF orientation is not applied, as in TensorFlow).
 *
 * <p>Reading goes through ImageIO, with TwelveMonkeys' JPEG plugin on the class path for CMYK/YCCK
 * and damaged JPEGs (progressive JPEGs the JDK reads too). No AWT display code is used; {@code
 * java.awt.headless} is set to {@code true} unless the application set it.
 *
 * <p>What counts as undecodable ({@link ImageDecodeException}, naming the file): an empty file;
 * bytes no reader recognises (text, HTML, random bytes, macOS {@code ._} files, where ImageIO
 * itself would return {@code null}); a declared size over {@link #MAX_PIXELS}, checked from the
 * header before any pixel is allocated; any exception from the reader (including runtime ones such
 * as index errors from damaged data); and a <em>truncated</em> image. ImageIO decodes a JPEG cut in
 * half with only a warning ("premature end"); TensorFlow's {@code decode_jpeg} rejects it, so graft
 * fails on warnings that report missing data, and a folder loader skips the file. Other warnings
 * (such as libjpeg's "extraneous bytes before marker", common in real photo sets and accepted by
 * TensorFlow) are ignored. Damage that leaves a well-formed stream (zeroed middle bytes, a bad PNG
 * CRC) cannot be detected by any reader and decodes.
 *
 * <p>Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {
  /**
   * The most pixels an image may declare (PIL's decompression-bomb limit, 89,478,485), about a
   * gigabyte of float32 RGB.
   */
  public static final long MAX_PIXELS = 89_478_485L;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // Registers plugins visible to the context class loader too (TwelveMonkeys in app servers).
    ImageIO.scanForPlugins();
  }

  private ImageDecoder() {}

  /** Decodes {@code file} into {@code [height, width, mode.channels()]}. */
  public static Tensor decode(Path file, ColorMode mode) throws ImageDecodeException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(file, "cannot read the file (" + e + ")", e);
    }
    return decode(bytes, file, mode);
  }

  /** Decodes an RGB image. */
  public static Tensor decode(Path file) throws ImageDecodeException {
    return decode(file, ColorMode.RGB);
  }

  /**
   * Decodes encoded image bytes; {@code name} is used in error messages only.
   *
   * @throws ImageDecodeException if the bytes are not a complete JPEG, PNG, BMP or GIF image
   */
  public static Tensor decode(byte[] bytes, Path name, ColorMode mode) throws ImageDecodeException {
    if (mode == null) {
      throw new IllegalArgumentException("decode: color mode is null");
    }
    if (bytes.length == 0) {
      throw new ImageDecodeException(name, "the file is empty (0 bytes)");
    }
    BufferedImage image = read(bytes, name);
    return toTensor(image, mode);
  }

  private static BufferedImage read(byte[] bytes, Path name) throws ImageDecodeException {
    ImageReader reader = null;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      if (in == null) {
        throw new ImageDecodeException(name, "ImageIO cannot open a stream on the bytes");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageDecodeException(
            name,
            "not a recognised image (JPEG, PNG, BMP or GIF); it starts with "
                + describeStart(bytes));
      }
      reader = readers.next();
      String format = reader.getFormatName();
      // Metadata is kept: GIF palettes and JPEG colour markers live there.
      reader.setInput(in, false, false);
      List<String> fatal = new ArrayList<>();
      reader.addIIOReadWarningListener(
          new IIOReadWarningListener() {
            @Override
            public void warningOccurred(ImageReader source, String warning) {
              if (reportsMissingData(warning)) {
                fatal.add(warning);
              }
            }
          });
      long w = reader.getWidth(0);
      long h = reader.getHeight(0);
      if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
        throw new ImageDecodeException(
            name,
            "the "
                + format
                + " header declares "
                + w
                + "x"
                + h
                + " pixels; graft decodes images of 1 to "
                + MAX_PIXELS
                + " pixels");
      }
      BufferedImage image = reader.read(0);
      if (!fatal.isEmpty()) {
        throw new ImageDecodeException(
            name, "the " + format + " data is incomplete (truncated file?): " + fatal.get(0));
      }
      if (image == null) {
        throw new ImageDecodeException(name, "the " + format + " reader returned no image");
      }
      return image;
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name, "the reader failed: " + e, e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  private static boolean reportsMissingData(String warning) {
    String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
    return w.contains("premature end")
        || w.contains("truncat")
        || w.contains("end of file")
        || w.contains("eof");
  }

  private static String describeStart(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      sb.append(String.format(Locale.ROOT, "%02x ", bytes[i] & 0xff));
    }
    return sb.toString().trim() + " (" + bytes.length + " bytes)";
  }

  /** Converts a decoded image into HWC float32 without going through display colour models. */
  static Tensor toTensor(BufferedImage image, ColorMode mode) {
    int w = image.getWidth();
    int h = image.getHeight();
    int c = mode.channels();
    float[] out = new float[h * w * c];
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    boolean gray =
        image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
            && (bands == 1 || bands == 2)
            && image.getColorModel().getComponentSize(0) <= 16;
    if (gray) {
      // Gray samples as stored: getRGB would convert linear gray to sRGB and brighten them.
      float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
      float scale = 255f / max;
      float alphaScale =
          bands == 2 ? 255f / ((1 << image.getColorModel().getComponentSize(1)) - 1) : 0f;
      float[] g = raster.getSamples(0, 0, w, h, 0, (float[]) null);
      float[] a = bands == 2 ? raster.getSamples(0, 0, w, h, 1, (float[]) null) : null;
      for (int p = 0; p < w * h; p++) {
        float v = scale == 1f ? g[p] : Math.round(g[p] * scale);
        for (int k = 0; k < Math.min(c, 3); k++) {
          out[p * c + k] = v;
        }
        if (c == 4) {
          out[p * c + 3] =
              a == null ? 255f : (alphaScale == 1f ? a[p] : Math.round(a[p] * alphaScale));
        }
      }
      return Tensor.of(out, h, w, c);
    }
    int[] argb = ArgbPixels.read(image);
    for (int p = 0; p < w * h; p++) {
      int v = argb[p];
      int r = (v >>> 16) & 0xff;
      int gr = (v >>> 8) & 0xff;
      int b = v & 0xff;
      if (c == 1) {
        out[p] = Math.round(0.299f * r + 0.587f * gr + 0.114f * b);
      } else {
        out[p * c] = r;
        out[p * c + 1] = gr;
        out[p * c + 2] = b;
        if (c == 4) {
          out[p * c + 3] = (v >>> 24) & 0xff;
        }
      }
    }
    return Tensor.of(out, h, w, c);
  }
}
