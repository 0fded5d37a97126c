package dev.graft.layers.preprocessing;

/**
 * Flips each image of a batch with probability 1/2 while training (Keras's {@code RandomFlip}):
 * {@code "horizontal"} mirrors left and right (the width axis), {@code "vertical"} top and bottom
 * (the height axis), {@code "horizontal_and_vertical"} draws each of the two independently. The
 * identity in inference. Inputs are NHWC batches or single HWC images.
 */
public final class RandomFlip extends ImageAugmentation {
  private final boolean horizontal;
  private final boolean vertical;

  /** Flips in both directions, with an automatic seed and name. */
  public RandomFlip() {
    this("horizontal_and_vertical", null, null);
  }

  public RandomFlip(String mode) {
    this(mode, null, null);
  }

  /**
   * @param mode {@code "horizontal"}, {@code "vertical"} or {@code "horizontal_and_vertical"}
   * @param seed the seed of the layer's generator, or {@code null} for the next global one
   * @param name the layer's name, or {@code null} for an automatic one ({@code random_flip}, ...)
   */
  public RandomFlip(String mode, Long seed, String name) {
    super(seed, name);
    if ("horizontal".equals(mode)) {
      horizontal = true;
      vertical = false;
    } else if ("vertical".equals(mode)) {
      horizontal = false;
      vertical = true;
    } else if ("horizontal_and_vertical".equals(mode)) {
      horizontal = true;
      vertical = true;
    } else {
      throw new IllegalArgumentException(
          "RandomFlip: mode must be \"horizontal\", \"vertical\" or \"horizontal_and_vertical\","
              + " got "
              + mode);
    }
  }

  @Override
  void augment(float[] in, float[] out, int base, int h, int w, int c) {
    boolean flipX = horizontal && rng.nextDouble() < 0.5;
    boolean flipY = vertical && rng.nextDouble() < 0.5;
    for (int y = 0; y < h; y++) {
      int sy = flipY ? h - 1 - y : y;
      for (int x = 0; x < w; x++) {
        int sx = flipX ? w - 1 - x : x;
        System.arraycopy(in, base + (sy * w + sx) * c, out, base + (y * w + x) * c, c);
      }
    }
  }

  /** {@code horizontal}, {@code vertical} or {@code horizontal_and_vertical}. */
  public String mode() {
    return horizontal && vertical
        ? "horizontal_and_vertical"
        : horizontal ? "horizontal" : "vertical";
  }
}
