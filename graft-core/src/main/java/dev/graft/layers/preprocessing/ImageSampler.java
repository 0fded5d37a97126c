package dev.graft.layers.preprocessing;

import java.util.Locale;

/**
 * Resamples one HWC image through a projective transform, with Keras's {@code affine_transform}
 * definitions: the transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} maps an output pixel {@code
 * (x, y)} to the input point {@code ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)} with {@code k
 * = c0 x + c1 y + 1}; the input is read there with nearest (half away from zero) or bilinear
 * interpolation; each integer input index that falls outside the image is mapped back by the fill
 * mode, or, for {@code constant}, reads the fill value.
 *
 * <p>Shared by {@link RandomRotation}, {@link RandomZoom} and {@link RandomTranslation}.
 */
final class ImageSampler {
  /** How input indices outside the image are read. */
  enum Fill {
    /** {@code (d c b a | a b c d | d c b a)}: mirrored about the edge, edge pixel repeated. */
    REFLECT,
    /** {@code (a b c d | a b c d | a b c d)}. */
    WRAP,
    /** {@code (k k k k | a b c d | k k k k)} with {@code k} the fill value. */
    CONSTANT,
    /** {@code (a a a a | a b c d | d d d d)}. */
    NEAREST;

    static Fill parse(String layer, String mode) {
      if (mode != null) {
        switch (mode.toLowerCase(Locale.ROOT)) {
          case "reflect":
            return REFLECT;
          case "wrap":
            return WRAP;
          case "constant":
            return CONSTANT;
          case "nearest":
            return NEAREST;
          default:
            break;
        }
      }
      throw new IllegalArgumentException(
          layer
              + ": fillMode must be one of \"reflect\", \"wrap\", \"constant\", \"nearest\", got "
              + mode);
    }
  }

  private final Fill fill;
  private final float fillValue;
  private final boolean bilinear;

  ImageSampler(Fill fill, float fillValue, boolean bilinear) {
    this.fill = fill;
    this.fillValue = fillValue;
    this.bilinear = bilinear;
  }

  /** Parses {@code "bilinear"} (true) or {@code "nearest"} (false). */
  static boolean parseBilinear(String layer, String interpolation) {
    if ("bilinear".equals(interpolation)) {
      return true;
    }
    if ("nearest".equals(interpolation)) {
      return false;
    }
    throw new IllegalArgumentException(
        layer + ": interpolation must be \"bilinear\" or \"nearest\", got " + interpolation);
  }

  /**
   * The in-image index that index {@code i} of an axis of length {@code n} reads, or -1 where the
   * fill value is read instead.
   */
  int fixIndex(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    switch (fill) {
      case REFLECT:
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
      case WRAP:
        return Math.floorMod(i, n);
      case NEAREST:
        return i < 0 ? 0 : n - 1;
      default:
        return -1;
    }
  }

  /**
   * Writes the transformed image: {@code in[inBase ..]} and {@code out[outBase ..]} both hold an
   * {@code h x w x c} image in HWC order.
   */
  void transform(
      float[] in, int inBase, float[] out, int outBase, int h, int w, int c, double[] t) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double k = t[6] * x + t[7] * y + 1;
        double sx = (t[0] * x + t[1] * y + t[2]) / k;
        double sy = (t[3] * x + t[4] * y + t[5]) / k;
        int o = outBase + (y * w + x) * c;
        if (bilinear) {
          bilinear(in, inBase, out, o, h, w, c, sy, sx);
        } else {
          int iy = fixIndex(roundHalfAway(sy), h);
          int ix = fixIndex(roundHalfAway(sx), w);
          for (int ch = 0; ch < c; ch++) {
            out[o + ch] = iy < 0 || ix < 0 ? fillValue : in[inBase + (iy * w + ix) * c + ch];
          }
        }
      }
    }
  }

  private void bilinear(
      float[] in, int inBase, float[] out, int o, int h, int w, int c, double sy, double sx) {
    double fy = Math.floor(sy);
    double fx = Math.floor(sx);
    double wy = sy - fy;
    double wx = sx - fx;
    int y0 = fixIndex(clampToInt(fy), h);
    int y1 = fixIndex(clampToInt(fy + 1), h);
    int x0 = fixIndex(clampToInt(fx), w);
    int x1 = fixIndex(clampToInt(fx + 1), w);
    for (int ch = 0; ch < c; ch++) {
      double top =
          (1 - wx) * read(in, inBase, w, c, y0, x0, ch) + wx * read(in, inBase, w, c, y0, x1, ch);
      double bottom =
          (1 - wx) * read(in, inBase, w, c, y1, x0, ch) + wx * read(in, inBase, w, c, y1, x1, ch);
      out[o + ch] = (float) ((1 - wy) * top + wy * bottom);
    }
  }

  private float read(float[] in, int inBase, int w, int c, int y, int x, int ch) {
    return y < 0 || x < 0 ? fillValue : in[inBase + (y * w + x) * c + ch];
  }

  private static int roundHalfAway(double v) {
    return clampToInt(v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5));
  }

  /** Keeps far-away (or non-finite) coordinates representable; the fill mode maps them anyway. */
  private static int clampToInt(double v) {
    if (Double.isNaN(v)) {
      return Integer.MIN_VALUE / 4;
    }
    return (int) Math.max(Integer.MIN_VALUE / 4, Math.min(Integer.MAX_VALUE / 4, v));
  }
}
