package dev.graft.layers.preprocessing;

import dev.graft.tensor.Tensor;

/**
 * Crops each image of a batch to {@code height x width} (Keras's {@code RandomCrop}). While
 * training, each image is cut at a random position of its own (Keras draws one position per batch).
 * In inference, and while training on images smaller than the target, it does what Keras does:
 * takes the largest centred window with the target's aspect ratio and resizes it to the target size
 * (bilinear, half-pixel centres).
 */
public final class RandomCrop extends ImageAugmentation {
  private final int height;
  private final int width;

  public RandomCrop(int height, int width) {
    this(height, width, null, null);
  }

  /**
   * @param seed the seed of the layer's generator, or {@code null} for the next global one
   * @param name the layer's name, or {@code null} for an automatic one ({@code random_crop}, ...)
   */
  public RandomCrop(int height, int width, Long seed, String name) {
    super(seed, name);
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "RandomCrop: height and width must be positive, got " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int[] d = x.shape().dims();
    boolean single = d.length == 3;
    int n = single ? 1 : d[0];
    int h = d[single ? 0 : 1];
    int w = d[single ? 1 : 2];
    int c = d[single ? 2 : 3];
    if (h == height && w == width) {
      return x;
    }
    float[] in = x.toFloatArray();
    float[] out = new float[n * height * width * c];
    boolean random = training && h >= height && w >= width;
    // the largest centred window with the target's aspect ratio
    int ch = Math.max(1, Math.min(h, (int) ((long) w * height / width)));
    int cw = Math.max(1, Math.min(w, (int) ((long) h * width / height)));
    for (int b = 0; b < n; b++) {
      int inBase = b * h * w * c;
      int outBase = b * height * width * c;
      if (random) {
        int top = rng.nextInt(h - height + 1);
        int left = rng.nextInt(w - width + 1);
        for (int y = 0; y < height; y++) {
          System.arraycopy(
              in, inBase + ((top + y) * w + left) * c, out, outBase + y * width * c, width * c);
        }
      } else {
        resizeWindow(in, inBase, w, c, (h - ch) / 2, (w - cw) / 2, ch, cw, out, outBase);
      }
    }
    int[] shape = single ? new int[] {height, width, c} : new int[] {n, height, width, c};
    return Tensor.of(out, shape);
  }

  @Override
  void augment(float[] in, float[] out, int base, int h, int w, int c) {
    throw new AssertionError("RandomCrop overrides call");
  }

  /** Bilinear resize, half-pixel centres, of the window {@code (top, left, wh, ww)}. */
  private void resizeWindow(
      float[] in, int inBase, int w, int c, int top, int left, int wh, int ww, float[] out, int o) {
    double sy = (double) wh / height;
    double sx = (double) ww / width;
    for (int y = 0; y < height; y++) {
      double fy = Math.max(0, (y + 0.5) * sy - 0.5);
      int y0 = Math.min((int) fy, wh - 1);
      int y1 = Math.min(y0 + 1, wh - 1);
      double ly = fy - y0;
      for (int x = 0; x < width; x++) {
        double fx = Math.max(0, (x + 0.5) * sx - 0.5);
        int x0 = Math.min((int) fx, ww - 1);
        int x1 = Math.min(x0 + 1, ww - 1);
        double lx = fx - x0;
        for (int k = 0; k < c; k++) {
          double a = in[inBase + ((top + y0) * w + left + x0) * c + k];
          double b = in[inBase + ((top + y0) * w + left + x1) * c + k];
          double e = in[inBase + ((top + y1) * w + left + x0) * c + k];
          double f = in[inBase + ((top + y1) * w + left + x1) * c + k];
          double v = (1 - ly) * ((1 - lx) * a + lx * b) + ly * ((1 - lx) * e + lx * f);
          out[o + (y * width + x) * c + k] = (float) v;
        }
      }
    }
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }
}
