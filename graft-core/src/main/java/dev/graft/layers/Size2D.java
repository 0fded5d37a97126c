package dev.graft.layers;

/**
 * A (height, width) pair of a 2-D layer setting: kernel size, strides, dilation rate, pool size.
 * Keras accepts an int or a tuple for these; {@link #of(int)} is the int form.
 */
public record Size2D(int height, int width) {
  /** The same value for both axes. */
  public static Size2D of(int both) {
    return new Size2D(both, both);
  }

  public static Size2D of(int height, int width) {
    return new Size2D(height, width);
  }

  /** {@code {height, width}}, as the conv and pooling ops take it. */
  public int[] toArray() {
    return new int[] {height, width};
  }

  /** True when both values are 1. */
  public boolean isOne() {
    return height == 1 && width == 1;
  }

  /**
   * Checks that both values are positive.
   *
   * @param owner the layer type, e.g. {@code Conv2D}, named in the error
   * @param setting the setting's Keras name, e.g. {@code kernel_size}
   */
  public Size2D requirePositive(String owner, String setting) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(owner + ": " + setting + " must be positive, got " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "(" + height + ", " + width + ")";
  }
}
