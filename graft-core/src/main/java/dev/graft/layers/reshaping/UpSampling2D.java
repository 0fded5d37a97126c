package dev.graft.layers.reshaping;

import dev.graft.layers.Layer;
import dev.graft.layers.Size2D;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Enlarges images {@code (batch, height, width, channels)} by whole factors (Keras's {@code
 * UpSampling2D}, channels-last): {@code (None, 7, 7, 8)} with size 2 becomes {@code (None, 14, 14,
 * 8)}. {@code "nearest"} repeats each row and column; {@code "bilinear"} interpolates as Keras 3's
 * {@code ops.image.resize}: output pixel {@code o} samples the input at {@code (o + 0.5) / size -
 * 0.5}, clamped to the border. (Keras 2 sampled bilinear at {@code o / size}; its nearest is the
 * same.)
 */
public final class UpSampling2D extends Layer {
  private final Size2D size;
  private final String interpolation;

  /** Factor 2 in both directions, nearest. */
  public UpSampling2D() {
    this(Size2D.of(2), "nearest", null);
  }

  /**
   * @param size the factors for rows and columns, each at least 1
   * @param interpolation {@code "nearest"} or {@code "bilinear"}
   * @param name the layer's name, or {@code null} for an automatic one ({@code up_sampling2d}, ...)
   */
  public UpSampling2D(Size2D size, String interpolation, String name) {
    super(name);
    markStateless();
    if (size == null || size.height() < 1 || size.width() < 1) {
      throw new IllegalArgumentException(
          "UpSampling2D: size must be positive factors (rows, columns), got " + size);
    }
    if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
      throw new IllegalArgumentException(
          "UpSampling2D: interpolation must be \"nearest\" or \"bilinear\" (graft has no other),"
              + " got "
              + (interpolation == null ? "null" : "\"" + interpolation + "\""));
    }
    this.size = size;
    this.interpolation = interpolation;
  }

  public Size2D size() {
    return size;
  }

  /** {@code "nearest"} or {@code "bilinear"}. */
  public String interpolation() {
    return interpolation;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int[] s = x.shape().dims();
    if (s.length != 4) {
      requireRank(s, 4, "(batch, height, width, channels)");
    }
    Tensor y = enlarge(x, 1, s[1], size.height());
    return enlarge(y, 2, s[2], size.width());
  }

  /** One axis enlarged {@code factor} times; gathers and weighted sums, so gradients follow. */
  private Tensor enlarge(Tensor x, int axis, int n, int factor) {
    if (factor == 1) {
      return x;
    }
    int out = n * factor;
    float[] low = new float[out];
    if ("nearest".equals(interpolation)) {
      for (int o = 0; o < out; o++) {
        low[o] = o / factor;
      }
      return Ops.gather(x, Tensor.of(low, out), axis);
    }
    float[] high = new float[out];
    float[] weight = new float[out];
    for (int o = 0; o < out; o++) {
      double src = Math.max(0, (o + 0.5) / factor - 0.5);
      int lo = Math.min((int) Math.floor(src), n - 1);
      low[o] = lo;
      high[o] = Math.min(lo + 1, n - 1);
      weight[o] = (float) (src - lo);
    }
    int[] wShape = {1, 1, 1, 1};
    wShape[axis] = out;
    Tensor w = Tensor.of(weight, wShape);
    Tensor a = Ops.gather(x, Tensor.of(low, out), axis);
    Tensor b = Ops.gather(x, Tensor.of(high, out), axis);
    // a + (b - a) * w
    return Ops.add(a, Ops.mul(Ops.sub(b, a), w));
  }
}
