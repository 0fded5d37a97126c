package dev.graft.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DepthwiseConv2DTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void weightsAreKernelAndBiasAsKeras3NamesThem() {
    DepthwiseConv2D dw = new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(2));
    dw.build(List.of(new int[] {-1, 8, 8, 8}));
    List<Variable> w = dw.weights();
    assertEquals(2, w.size());
    assertEquals("depthwise_conv2d/kernel", w.get(0).name());
    assertArrayEquals(new int[] {3, 3, 8, 2}, w.get(0).shape().dims());
    assertEquals("depthwise_conv2d/bias", w.get(1).name());
    assertArrayEquals(new int[] {16}, w.get(1).shape().dims());
    assertEquals(3 * 3 * 8 * 2 + 16, dw.countParams());
  }

  @Test
  void symbolicOutputShapes() {
    assertArrayEquals(
        new int[] {-1, 6, 6, 16},
        new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(2))
            .apply(Input.of(8, 8, 8))
            .shape());
    assertArrayEquals(
        new int[] {-1, 4, 4, 3},
        new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).strides(2).padding("same"))
            .apply(Input.of(8, 7, 3))
            .shape());
  }

  @Test
  void outputChannelIsInputChannelTimesMultiplierPlusM() {
    // A 1x1 kernel with value 10c + m on ones gives 10c + m (+ bias 0.5) at channel c*M + m.
    DepthwiseConv2D dw =
        new DepthwiseConv2D(
            DepthwiseConv2D.kernelSize(1)
                .depthMultiplier(3)
                .depthwiseInitializer(
                    shape -> {
                      float[] v = new float[shape[2] * shape[3]];
                      for (int c = 0; c < shape[2]; c++) {
                        for (int m = 0; m < shape[3]; m++) {
                          v[c * shape[3] + m] = 10 * c + m;
                        }
                      }
                      return Tensor.of(v, shape);
                    })
                .biasInitializer(shape -> Tensor.full(0.5f, shape)));
    Tensor y = dw.apply(Tensor.ones(1, 1, 1, 2));
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 10.5f, 11.5f, 12.5f}, y.toFloatArray(), 0f);
  }

  @Test
  void differentiates() {
    DepthwiseConv2D dw =
        new DepthwiseConv2D(DepthwiseConv2D.kernelSize(2).depthMultiplier(2).padding("same"));
    GradCheck.layer(dw, new Rng(5).normal(0, 1, 2, 4, 3, 2), false);
  }

  @Test
  void errorsNameTheLayerAndTheShapes() {
    DepthwiseConv2D dw = new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).name("dw"));
    dw.apply(Tensor.zeros(1, 5, 5, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> dw.apply(Tensor.zeros(1, 5, 5, 3)));
    assertTrue(
        e.getMessage().contains("'dw'")
            && e.getMessage().contains("(None, height, width, 2)")
            && e.getMessage().contains("(1, 5, 5, 3)"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(0)));
  }
}
