package dev.graft.data.image;

import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * Resizes HWC images or NHWC batches with the semantics of TensorFlow's {@code
 * tf.image.resize(images, size, method, antialias=False)}: the result is float32, the aspect ratio
 * is not kept (see {@link #cropToAspectRatio}), and each method samples as TensorFlow's kernels do.
 *
 * <ul>
 *   <li>{@link Interpolation#BILINEAR}: source coordinate {@code (i + 0.5) * in / out - 0.5}
 *       (half-pixel centres); the two neighbours are clamped to the image.
 *   <li>{@link Interpolation#NEAREST}: source index {@code min(floor((i + 0.5) * in / out), in -
 *       1)}.
 *   <li>{@link Interpolation#AREA}: output pixel {@code i} covers source span {@code [i * in / out,
 *       (i + 1) * in / out)}; each source pixel weighs the length it overlaps, the sum is divided
 *       by the span's length.
 *   <li>{@link Interpolation#BICUBIC}: Keys cubic convolution ({@code a = -0.5}) at the half-pixel
 *       coordinate, its fractional part rounded to 1/1024 as TensorFlow's coefficient table does;
 *       taps outside the image get weight 0 and the others are renormalised to sum to 1.
 * </ul>
 *
 * <p>All four are separable: one table of (source index, weight) taps per axis, applied along the
 * width and then along the height, the channel loop innermost.
 *
 * <pre>{@code
 * Tensor small = ImageResize.resize(image, 150, 150, Interpolation.BILINEAR);
 * }</pre>
 */
public final class ImageResize {
  /** TensorFlow's bicubic coefficient table resolution. */
  static final int CUBIC_TABLE_SIZE = 1024;

  private ImageResize() {}

  /**
   * Resizes {@code images} of shape {@code [h, w, c]} or {@code [n, h, w, c]} to {@code [height,
   * width]}.
   *
   * @throws IllegalArgumentException if the rank is not 3 or 4, an input dimension is 0, or the
   *     target size is not positive
   */
  public static Tensor resize(Tensor images, int height, int width, Interpolation interpolation) {
    int[] s = checkImages(images, "resize");
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "resize: the target size must be positive, got " + height + "x" + width);
    }
    if (interpolation == null) {
      throw new IllegalArgumentException("resize: interpolation is null");
    }
    int n = s[0];
    int inH = s[1];
    int inW = s[2];
    int c = s[3];
    float[] in = images.toFloatArray();
    Taps tw = Taps.of(interpolation, inW, width);
    Taps th = Taps.of(interpolation, inH, height);
    // Along the width: [n, inH, inW, c] -> [n, inH, width, c].
    float[] mid = new float[n * inH * width * c];
    for (int row = 0; row < n * inH; row++) {
      int inRow = row * inW * c;
      int outRow = row * width * c;
      for (int x = 0; x < width; x++) {
        applyTaps(tw, x, in, inRow, c, mid, outRow + x * c);
      }
    }
    // Along the height: [n, inH, width, c] -> [n, height, width, c].
    int rowLen = width * c;
    float[] out = new float[n * height * rowLen];
    for (int b = 0; b < n; b++) {
      int inImage = b * inH * rowLen;
      int outImage = b * height * rowLen;
      for (int y = 0; y < height; y++) {
        applyTaps(th, y, mid, inImage, rowLen, out, outImage + y * rowLen);
      }
    }
    int[] shape =
        images.rank() == 3 ? new int[] {height, width, c} : new int[] {n, height, width, c};
    return Tensor.of(out, shape);
  }

  /**
   * Crops the centred window with the aspect ratio of {@code targetHeight x targetWidth}, as large
   * as fits (Keras's {@code crop_to_aspect_ratio} / {@code smart_resize} box): {@code cropHeight =
   * clamp(int(width * targetHeight / targetWidth), 1, height)}, likewise the width, the window
   * starting at {@code int((height - cropHeight) / 2)}. Resize the result to the target size
   * without distortion.
   */
  public static Tensor cropToAspectRatio(Tensor images, int targetHeight, int targetWidth) {
    int[] s = checkImages(images, "cropToAspectRatio");
    if (targetHeight <= 0 || targetWidth <= 0) {
      throw new IllegalArgumentException(
          "cropToAspectRatio: the target size must be positive, got "
              + targetHeight
              + "x"
              + targetWidth);
    }
    int h = s[1];
    int w = s[2];
    int cropH = Math.max(Math.min(h, (int) ((double) w * targetHeight / targetWidth)), 1);
    int cropW = Math.max(Math.min(w, (int) ((double) h * targetWidth / targetHeight)), 1);
    return crop(images, (h - cropH) / 2, (w - cropW) / 2, cropH, cropW);
  }

  /**
   * Crops {@code [top, top + height) x [left, left + width)} out of HWC images or NHWC batches.
   *
   * @throws IllegalArgumentException if the window is empty or leaves the image
   */
  public static Tensor crop(Tensor images, int top, int left, int height, int width) {
    int[] s = checkImages(images, "crop");
    int n = s[0];
    int h = s[1];
    int w = s[2];
    int c = s[3];
    if (height <= 0 || width <= 0 || top < 0 || left < 0 || top + height > h || left + width > w) {
      throw new IllegalArgumentException(
          "crop: window at ("
              + top
              + ", "
              + left
              + ") of size "
              + height
              + "x"
              + width
              + " does not fit in a "
              + h
              + "x"
              + w
              + " image");
    }
    float[] in = images.toFloatArray();
    if (height == h && width == w) {
      return Tensor.of(in, images.shape().dims());
    }
    float[] out = new float[n * height * width * c];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < height; y++) {
        System.arraycopy(
            in, ((b * h + top + y) * w + left) * c, out, (b * height + y) * width * c, width * c);
      }
    }
    int[] shape =
        images.rank() == 3 ? new int[] {height, width, c} : new int[] {n, height, width, c};
    return Tensor.of(out, shape);
  }

  /** Returns {@code [n, h, w, c]} (n = 1 for rank 3) after checking the rank and sizes. */
  static int[] checkImages(Tensor images, String what) {
    if (images == null) {
      throw new IllegalArgumentException(what + ": images is null");
    }
    int[] d = images.shape().dims();
    if (d.length != 3 && d.length != 4) {
      throw new IllegalArgumentException(
          what
              + ": expected an image [height, width, channels] or a batch [n, height, width,"
              + " channels], got shape "
              + Arrays.toString(d));
    }
    int[] s = d.length == 3 ? new int[] {1, d[0], d[1], d[2]} : d;
    for (int v : s) {
      if (v <= 0) {
        throw new IllegalArgumentException(
            what + ": every dimension must be positive, got shape " + Arrays.toString(d));
      }
    }
    return s;
  }

  /** Writes {@code dst[dstOff + k] = sum_t w_t * src[srcOff + idx_t * stride + k]}, k < stride. */
  private static void applyTaps(
      Taps taps, int o, float[] src, int srcOff, int stride, float[] dst, int dstOff) {
    int from = taps.start[o];
    int to = taps.start[o + 1];
    if (to - from == 1 && taps.weight[from] == 1f) {
      System.arraycopy(src, srcOff + taps.index[from] * stride, dst, dstOff, stride);
      return;
    }
    for (int t = from; t < to; t++) {
      float wt = taps.weight[t];
      if (wt == 0f) {
        continue;
      }
      int base = srcOff + taps.index[t] * stride;
      for (int k = 0; k < stride; k++) {
        dst[dstOff + k] += wt * src[base + k];
      }
    }
  }

  /** The per-axis sampling table: output {@code o} reads taps {@code start[o] .. start[o+1]-1}. */
  static final class Taps {
    final int[] start;
    final int[] index;
    final float[] weight;

    private Taps(int[] start, int[] index, float[] weight) {
      this.start = start;
      this.index = index;
      this.weight = weight;
    }

    static Taps of(Interpolation method, int in, int out) {
      float scale = (float) in / out;
      switch (method) {
        case NEAREST:
          return nearest(in, out, scale);
        case BILINEAR:
          return bilinear(in, out, scale);
        case AREA:
          return area(in, out, scale);
        case BICUBIC:
          return bicubic(in, out, scale);
      }
      throw new AssertionError(method);
    }

    private static Taps fixed(int out, int perOutput, int[] index, float[] weight) {
      int[] start = new int[out + 1];
      for (int o = 0; o <= out; o++) {
        start[o] = o * perOutput;
      }
      return new Taps(start, index, weight);
    }

    private static Taps nearest(int in, int out, float scale) {
      int[] index = new int[out];
      float[] weight = new float[out];
      for (int o = 0; o < out; o++) {
        int i = (int) Math.floor((o + 0.5f) * scale);
        index[o] = Math.max(0, Math.min(i, in - 1));
        weight[o] = 1f;
      }
      return fixed(out, 1, index, weight);
    }

    private static Taps bilinear(int in, int out, float scale) {
      int[] index = new int[2 * out];
      float[] weight = new float[2 * out];
      for (int o = 0; o < out; o++) {
        float x = (o + 0.5f) * scale - 0.5f;
        float xf = (float) Math.floor(x);
        float lerp = x - xf;
        index[2 * o] = Math.max((int) xf, 0);
        index[2 * o + 1] = Math.min((int) Math.ceil(x), in - 1);
        weight[2 * o] = 1f - lerp;
        weight[2 * o + 1] = lerp;
        if (lerp == 0f) {
          // Exactly on a pixel centre: one tap, so same-size resizes copy exactly.
          index[2 * o + 1] = index[2 * o];
          weight[2 * o] = 1f;
          weight[2 * o + 1] = 0f;
        }
      }
      return fixed(out, 2, index, weight);
    }

    private static Taps area(int in, int out, float scale) {
      int[] start = new int[out + 1];
      int[] index = new int[out * ((int) Math.ceil(scale) + 2)];
      float[] weight = new float[index.length];
      int t = 0;
      for (int o = 0; o < out; o++) {
        start[o] = t;
        float lo = o * scale;
        float hi = (o + 1) * scale;
        int first = (int) Math.floor(lo);
        int last = (int) Math.ceil(hi);
        for (int i = first; i < last; i++) {
          float covered = Math.min(i + 1, hi) - Math.max(i, lo);
          index[t] = Math.max(0, Math.min(i, in - 1));
          weight[t] = covered / scale;
          t++;
        }
      }
      start[out] = t;
      return new Taps(start, index, weight);
    }

    private static Taps bicubic(int in, int out, float scale) {
      int[] index = new int[4 * out];
      float[] weight = new float[4 * out];
      for (int o = 0; o < out; o++) {
        float x = (o + 0.5f) * scale - 0.5f;
        int base = (int) Math.floor(x);
        float delta = x - base;
        double t = Math.rint(delta * CUBIC_TABLE_SIZE) / CUBIC_TABLE_SIZE;
        double[] w = {keys(t + 1), keys(t), keys(1 - t), keys(2 - t)};
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          int i = base - 1 + k;
          if (i < 0 || i >= in) {
            w[k] = 0;
          }
          sum += w[k];
        }
        for (int k = 0; k < 4; k++) {
          index[4 * o + k] = Math.max(0, Math.min(base - 1 + k, in - 1));
          weight[4 * o + k] = (float) (Math.abs(sum) > 1e-30 ? w[k] / sum : w[k]);
        }
      }
      return fixed(out, 4, index, weight);
    }

    /** Keys cubic convolution kernel with {@code a = -0.5}. */
    static double keys(double x) {
      final double a = -0.5;
      x = Math.abs(x);
      if (x <= 1) {
        return ((a + 2) * x - (a + 3)) * x * x + 1;
      }
      if (x < 2) {
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
      }
      return 0;
    }
  }
}
