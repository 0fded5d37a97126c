package dev.graft.layers.preprocessing;

/**
 * Scales the contrast of each image of a batch by a random factor while training (Keras's {@code
 * RandomContrast}); the identity in inference. For each image and channel, with {@code m} the mean
 * over height and width, {@code y = (x - m) * k + m}, clipped to the value range. A factor {@code
 * f} draws {@code k} in {@code [1 - f, 1 + f]}, a pair {@code (lower, upper)} in {@code [1 - lower,
 * 1 + upper]}.
 */
public final class RandomContrast extends ImageAugmentation {
  private final double lower;
  private final double upper;
  private final float min;
  private final float max;

  /** {@code k} in {@code [1 - factor, 1 + factor]}, values clipped to {@code [0, 255]}. */
  public RandomContrast(double factor) {
    this(new double[] {factor}, 0f, 255f, null, null);
  }

  /**
   * @param factor {@code {f}} or {@code {lower, upper}}, each in {@code [0, 1]}
   * @param min the lower end of the value range the output is clipped to (Keras: 0)
   * @param max the upper end (Keras: 255)
   * @param seed the seed of the layer's generator, or {@code null} for the next global one
   * @param name the layer's name, or {@code null} for an automatic one
   */
  public RandomContrast(double[] factor, float min, float max, Long seed, String name) {
    super(seed, name);
    if (factor.length < 1 || factor.length > 2) {
      throw new IllegalArgumentException(
          "RandomContrast: factor must be one value f or a (lower, upper) pair");
    }
    lower = factor[0];
    upper = factor.length == 2 ? factor[1] : factor[0];
    if (!(lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1)) {
      throw new IllegalArgumentException(
          "RandomContrast: factor values must lie in [0, 1], got (" + lower + ", " + upper + ")");
    }
    if (!(min < max)) {
      throw new IllegalArgumentException(
          "RandomContrast: the value range needs min < max, got (" + min + ", " + max + ")");
    }
    this.min = min;
    this.max = max;
  }

  @Override
  void augment(float[] in, float[] out, int base, int h, int w, int c) {
    double k = uniform(1 - lower, 1 + upper);
    int pixels = h * w;
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      for (int p = 0; p < pixels; p++) {
        sum += in[base + p * c + ch];
      }
      double mean = sum / pixels;
      for (int p = 0; p < pixels; p++) {
        int i = base + p * c + ch;
        float y = (float) ((in[i] - mean) * k + mean);
        out[i] = Math.min(max, Math.max(min, y));
      }
    }
  }

  /** {@code {lower, upper}}: contrast factors are drawn in {@code [1 - lower, 1 + upper]}. */
  public double[] factor() {
    return new double[] {lower, upper};
  }

  /** The value range {@code {min, max}} the output is clipped to. */
  public float[] valueRange() {
    return new float[] {min, max};
  }
}
