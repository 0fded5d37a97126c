package dev.graft.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeparableConv2DTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void weightsAreDepthwisePointwiseBias() {
    SeparableConv2D sep = new SeparableConv2D(SeparableConv2D.filters(8, 3).depthMultiplier(2));
    sep.build(List.of(new int[] {-1, 8, 8, 4}));
    List<Variable> w = sep.weights();
    assertEquals(3, w.size());
    assertEquals("separable_conv2d/depthwise_kernel", w.get(0).name());
    assertArrayEquals(new int[] {3, 3, 4, 2}, w.get(0).shape().dims());
    assertEquals("separable_conv2d/pointwise_kernel", w.get(1).name());
    assertArrayEquals(new int[] {1, 1, 8, 8}, w.get(1).shape().dims());
    assertEquals("separable_conv2d/bias", w.get(2).name());
    assertArrayEquals(new int[] {8}, w.get(2).shape().dims());
    assertEquals(3 * 3 * 4 * 2 + 8 * 8 + 8, sep.countParams());
  }

  @Test
  void symbolicOutputShapes() {
    assertArrayEquals(
        new int[] {-1, 8, 8, 8},
        new SeparableConv2D(SeparableConv2D.filters(8, 3).padding("same"))
            .apply(Input.of(8, 8, 8))
            .shape());
    assertArrayEquals(
        new int[] {-1, 3, 3, 5},
        new SeparableConv2D(SeparableConv2D.filters(5, 3).strides(2))
            .apply(Input.of(7, 8, 2))
            .shape());
  }

  @Test
  void isDepthwiseThenOneByOneConvThenBias() {
    SeparableConv2D sep =
        new SeparableConv2D(
            SeparableConv2D.filters(3, 3)
                .strides(2)
                .padding("same")
                .depthMultiplier(2)
                .biasInitializer(shape -> Tensor.full(0.25f, shape))
                .activation("tanh"));
    Tensor x = new Rng(9).normal(0, 1, 2, 5, 6, 2);
    Tensor y = sep.apply(x);
    Tensor d =
        Ops.depthwiseConv2d(
            x, sep.depthwiseKernel(), new int[] {2, 2}, Padding.SAME, new int[] {1, 1});
    Tensor expected =
        Ops.tanh(
            Ops.add(
                Ops.conv2d(d, sep.pointwiseKernel(), new int[] {1, 1}, Padding.VALID), sep.bias()));
    assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-6f);
    GradCheck.layer(sep, x, false);
  }

  @Test
  void errorsNameTheLayer() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SeparableConv2D(SeparableConv2D.filters(2, 3).name("sep")).apply(Input.of(8)));
    assertTrue(
        e.getMessage().contains("'sep'") && e.getMessage().contains("(None, 8)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SeparableConv2D(0, 3));
  }
}
