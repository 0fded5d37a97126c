package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** preprocessInput of each mode against values worked out by hand. */
class PreprocessingTest {
  /** Two pixels (R, G, B): (0, 127.5, 255) and (10, 20, 30), as a batch of one 1x2 image. */
  private static Tensor pixels() {
    return Tensor.of(new float[] {0f, 127.5f, 255f, 10f, 20f, 30f}, 1, 1, 2, 3);
  }

  @Test
  void tfScalesToMinusOneOne() {
    float[] expected = {-1f, 0f, 1f, 10 / 127.5f - 1, 20 / 127.5f - 1, 30 / 127.5f - 1};
    Tensor x = pixels();
    assertArrayEquals(expected, Xception.preprocessInput(x).toFloatArray(), 1e-6f);
    assertArrayEquals(expected, MobileNetV2.preprocessInput(x).toFloatArray(), 1e-6f);
    assertArrayEquals(new int[] {1, 1, 2, 3}, Xception.preprocessInput(x).shape().dims());
    assertEquals(0f, x.toFloatArray()[0], "the input is left as it is");
  }

  @Test
  void caffeSwapsToBgrAndSubtractsTheMeanPixel() {
    // BGR means 103.939, 116.779, 123.68.
    float[] expected = {
      255f - 103.939f,
      127.5f - 116.779f,
      0f - 123.68f,
      30f - 103.939f,
      20f - 116.779f,
      10f - 123.68f
    };
    assertArrayEquals(expected, ResNet50.preprocessInput(pixels()).toFloatArray(), 1e-4f);
    assertArrayEquals(expected, VGG16.preprocessInput(pixels()).toFloatArray(), 1e-4f);
    // One image without the batch axis.
    Tensor one = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
    assertArrayEquals(
        new float[] {3 - 103.939f, 2 - 116.779f, 1 - 123.68f},
        Preprocessing.preprocessInput(one, PreprocessMode.CAFFE).toFloatArray(),
        1e-4f);
  }

  @Test
  void torchScalesAndStandardizesPerChannel() {
    // (x / 255 - mean) / std with mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
    float[] expected = {
      (0f - 0.485f) / 0.229f,
      (0.5f - 0.456f) / 0.224f,
      (1f - 0.406f) / 0.225f,
      (10 / 255f - 0.485f) / 0.229f,
      (20 / 255f - 0.456f) / 0.224f,
      (30 / 255f - 0.406f) / 0.225f
    };
    assertArrayEquals(
        expected,
        Preprocessing.preprocessInput(pixels(), PreprocessMode.TORCH).toFloatArray(),
        1e-5f);
    assertEquals(-2.117904f, expected[0], 1e-5f);
  }

  @Test
  void efficientNetPassesPixelsThrough() {
    assertArrayEquals(
        pixels().toFloatArray(), EfficientNetB0.preprocessInput(pixels()).toFloatArray());
  }

  @Test
  void colorModesNeedRgbLast() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ResNet50.preprocessInput(Tensor.zeros(1, 4, 4, 1)));
    assertTrue(e.getMessage().contains("[1, 4, 4, 1]"), e.getMessage());
  }
}
