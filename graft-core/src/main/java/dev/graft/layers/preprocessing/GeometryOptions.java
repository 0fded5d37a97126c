package dev.graft.layers.preprocessing;

/**
 * Optional settings of {@link RandomRotation}, {@link RandomZoom} and {@link RandomTranslation}:
 * how points outside the input are filled, the interpolation, the seed and the name. Start from
 * {@link #defaults()}; the layers copy the values when they are constructed.
 *
 * <pre>{@code
 * new RandomRotation(0.1, GeometryOptions.defaults().fillMode("constant").seed(42L))
 * }</pre>
 */
public final class GeometryOptions {
  String fillMode = "reflect";
  float fillValue = 0f;
  String interpolation = "bilinear";
  Long seed;
  String name;

  private GeometryOptions() {}

  /** {@code reflect} fill, fill value 0, bilinear interpolation, an automatic seed and name. */
  public static GeometryOptions defaults() {
    return new GeometryOptions();
  }

  /**
   * {@code "reflect"} (default: {@code d c b a | a b c d | d c b a}), {@code "wrap"} ({@code a b c
   * d | a b c d | a b c d}), {@code "constant"} ({@code k k k k | a b c d | k k k k}, {@code k} the
   * fill value) or {@code "nearest"} ({@code a a a a | a b c d | d d d d}).
   */
  public GeometryOptions fillMode(String mode) {
    fillMode = mode;
    return this;
  }

  /** The value read outside the image in {@code constant} fill mode; default 0. */
  public GeometryOptions fillValue(float value) {
    fillValue = value;
    return this;
  }

  /** {@code "bilinear"} (default) or {@code "nearest"}. */
  public GeometryOptions interpolation(String value) {
    interpolation = value;
    return this;
  }

  /** The seed of the layer's generator; {@code null} (default) takes the next global seed. */
  public GeometryOptions seed(Long value) {
    seed = value;
    return this;
  }

  /** The layer's name; {@code null} (default) for an automatic one. */
  public GeometryOptions name(String value) {
    name = value;
    return this;
  }
}
