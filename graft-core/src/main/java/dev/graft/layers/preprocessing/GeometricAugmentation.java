package dev.graft.layers.preprocessing;

/**
 * A random layer that resamples each image through a transform of its own drawn by {@link
 * #drawTransform}: rotation, zoom and translation.
 */
abstract class GeometricAugmentation extends ImageAugmentation {
  private final ImageSampler sampler;
  private final String fillMode;
  private final float fillValue;
  private final String interpolation;

  GeometricAugmentation(String layer, GeometryOptions o) {
    super(o.seed, o.name);
    this.fillMode = o.fillMode;
    this.fillValue = o.fillValue;
    this.interpolation = o.interpolation;
    this.sampler =
        new ImageSampler(
            ImageSampler.Fill.parse(layer, o.fillMode),
            o.fillValue,
            ImageSampler.parseBilinear(layer, o.interpolation));
  }

  @Override
  final void augment(float[] in, float[] out, int base, int h, int w, int c) {
    sampler.transform(in, base, out, base, h, w, c, drawTransform(h, w));
  }

  /**
   * The next image's transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} from output to input
   * coordinates (see {@link ImageSampler}).
   */
  abstract double[] drawTransform(int h, int w);

  /** The fill mode as given: {@code reflect}, {@code wrap}, {@code constant} or {@code nearest}. */
  public final String fillMode() {
    return fillMode;
  }

  public final float fillValue() {
    return fillValue;
  }

  /** {@code bilinear} or {@code nearest}, as given. */
  public final String interpolation() {
    return interpolation;
  }
}
