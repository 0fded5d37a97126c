package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast raster read must give exactly what {@code getRGB} gives, for every layout. */
class ArgbPixelsTest {
  private static BufferedImage random(BufferedImage img, long seed) {
    Random r = new Random(seed);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, r.nextInt());
      }
    }
    return img;
  }

  private static void assertSame(BufferedImage img) {
    int w = img.getWidth();
    assertArrayEquals(img.getRGB(0, 0, w, img.getHeight(), null, 0, w), ArgbPixels.read(img));
  }

  @Test
  void matchesGetRgbForEveryLayout() {
    int[] types = {
      BufferedImage.TYPE_3BYTE_BGR,
      BufferedImage.TYPE_4BYTE_ABGR,
      BufferedImage.TYPE_INT_RGB,
      BufferedImage.TYPE_INT_ARGB,
      BufferedImage.TYPE_4BYTE_ABGR_PRE,
      BufferedImage.TYPE_BYTE_GRAY
    };
    for (int type : types) {
      BufferedImage img = random(new BufferedImage(13, 7, type), type);
      assertSame(img);
      assertSame(img.getSubimage(3, 2, 6, 4)); // a translated raster
    }
  }

  @Test
  void matchesGetRgbForRgbAndRgbaByteOrders() {
    for (boolean alpha : new boolean[] {false, true}) {
      ComponentColorModel cm =
          new ComponentColorModel(
              ColorSpace.getInstance(ColorSpace.CS_sRGB),
              alpha,
              false,
              alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
              DataBuffer.TYPE_BYTE);
      int bands = alpha ? 4 : 3;
      WritableRaster raster =
          Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 11, 5, bands, null);
      BufferedImage img = random(new BufferedImage(cm, raster, false, null), bands);
      assertSame(img);
    }
  }
}
