package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.layers.LayerNames;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResizingTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void resizingShapesAndValues() {
    Tensor x = new Rng(2).uniform(0, 255, 2, 6, 10, 3);
    Tensor y = new Resizing(4, 5).apply(x, false);
    assertArrayEquals(new int[] {2, 4, 5, 3}, y.shape().dims());
    assertArrayEquals(
        ImageResize.resize(x, 4, 5, Interpolation.BILINEAR).toFloatArray(), y.toFloatArray(), 0f);
    Tensor cropped = new Resizing(3, 3, Interpolation.NEAREST, true).apply(x, true);
    assertArrayEquals(
        ImageResize.resize(ImageResize.crop(x, 0, 2, 6, 6), 3, 3, Interpolation.NEAREST)
            .toFloatArray(),
        cropped.toFloatArray(),
        0f);
    assertThrows(IllegalArgumentException.class, () -> new Resizing(0, 3));
  }

  @Test
  void centerCropCropsOrSmartResizes() {
    float[] v = new float[5 * 6];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Tensor x = Tensor.of(v, 1, 5, 6, 1);
    Tensor c = new CenterCrop(2, 3).apply(x, false);
    assertArrayEquals(new int[] {1, 2, 3, 1}, c.shape().dims());
    // Rows start at (5 - 2) / 2 = 1, columns at (6 - 3) / 2 = 1.
    assertArrayEquals(new float[] {7, 8, 9, 13, 14, 15}, c.toFloatArray(), 0f);
    // Taller than the input: the largest 8:4 window (5 x 2, columns 2..3) resized bilinearly.
    Tensor big = new CenterCrop(8, 4).apply(x, false);
    assertArrayEquals(new int[] {1, 8, 4, 1}, big.shape().dims());
    assertArrayEquals(
        ImageResize.resize(ImageResize.crop(x, 0, 2, 5, 2), 8, 4, Interpolation.BILINEAR)
            .toFloatArray(),
        big.toFloatArray(),
        0f);
    assertThrows(
        IllegalArgumentException.class, () -> new CenterCrop(2, 2).apply(Tensor.zeros(4, 4, 1)));
  }
}
