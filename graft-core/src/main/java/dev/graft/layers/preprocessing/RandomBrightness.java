package dev.graft.layers.preprocessing;

/**
 * Adds a random brightness offset to each image of a batch while training (Keras's {@code
 * RandomBrightness}); the identity in inference. The offset is {@code d * (max - min)} for the
 * value range {@code [min, max]} (default {@code [0, 255]}), with {@code d} drawn in {@code [-f,
 * f]} for a factor {@code f} or in {@code [lower, upper]} for a pair, within {@code [-1, 1]}; the
 * result is clipped to the value range. All channels of an image get the same offset.
 */
public final class RandomBrightness extends ImageAugmentation {
  private final double[] factor;
  private final float min;
  private final float max;

  /** Offsets in {@code [-factor, factor] * 255}, values clipped to {@code [0, 255]}. */
  public RandomBrightness(double factor) {
    this(new double[] {factor}, 0f, 255f, null, null);
  }

  /**
   * @param factor {@code {f}} for {@code [-f, f]} or {@code {lower, upper}}, within {@code [-1, 1]}
   * @param min the lower end of the value range (Keras: 0)
   * @param max the upper end (Keras: 255)
   * @param seed the seed of the layer's generator, or {@code null} for the next global one
   * @param name the layer's name, or {@code null} for an automatic one
   */
  public RandomBrightness(double[] factor, float min, float max, Long seed, String name) {
    super(seed, name);
    this.factor = range("RandomBrightness", "factor", factor);
    if (this.factor[0] < -1 || this.factor[1] > 1) {
      throw new IllegalArgumentException(
          "RandomBrightness: factor values must lie in [-1, 1], got ("
              + this.factor[0]
              + ", "
              + this.factor[1]
              + ")");
    }
    if (!(min < max)) {
      throw new IllegalArgumentException(
          "RandomBrightness: the value range needs min < max, got (" + min + ", " + max + ")");
    }
    this.min = min;
    this.max = max;
  }

  @Override
  void augment(float[] in, float[] out, int base, int h, int w, int c) {
    float delta = (float) (uniform(factor[0], factor[1]) * (max - min));
    for (int i = base, end = base + h * w * c; i < end; i++) {
      out[i] = Math.min(max, Math.max(min, in[i] + delta));
    }
  }

  /** The offset range {@code {lower, upper}}, as fractions of the value range. */
  public double[] factor() {
    return factor.clone();
  }

  /** The value range {@code {min, max}}. */
  public float[] valueRange() {
    return new float[] {min, max};
  }
}
