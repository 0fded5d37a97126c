package dev.graft.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class Conv2DTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void changingOptionsAfterConstructionLeavesTheLayerAlone() {
    Conv2D.Options o = Conv2D.filters(4, 3).strides(2).name("first");
    Conv2D conv = new Conv2D(o);
    o.strides(1).padding("same").useBias(false).name("second");
    conv.build(List.of(new int[] {-1, 8, 8, 2}));
    assertEquals("first", conv.name());
    assertEquals(2, conv.strides().height());
    assertEquals(Padding.VALID, conv.padding());
    assertEquals(2, conv.weights().size());
  }

  @Test
  void weightsAreKernelThenBiasInKerasShapes() {
    Conv2D conv = new Conv2D(8, 3);
    conv.build(List.of(new int[] {-1, 16, 16, 3}));
    List<Variable> w = conv.weights();
    assertEquals(2, w.size());
    assertEquals("conv2d/kernel", w.get(0).name());
    assertArrayEquals(new int[] {3, 3, 3, 8}, w.get(0).shape().dims());
    assertEquals("conv2d/bias", w.get(1).name());
    assertArrayEquals(new int[] {8}, w.get(1).shape().dims());
    assertEquals(3 * 3 * 3 * 8 + 8, conv.countParams());
    assertEquals(2, conv.trainableWeights().size());

    Conv2D noBias = new Conv2D(Conv2D.filters(4, 1).kernelSize(1, 2).useBias(false));
    noBias.build(List.of(new int[] {-1, 5, 5, 2}));
    assertEquals("conv2d_1", noBias.name());
    assertEquals(1, noBias.weights().size());
    assertArrayEquals(new int[] {1, 2, 2, 4}, noBias.kernel().shape().dims());
    assertNull(noBias.bias());
  }

  @Test
  void symbolicOutputShapes() {
    assertArrayEquals(
        new int[] {-1, 8, 8, 8},
        new Conv2D(Conv2D.filters(8, 3).strides(2).padding("same"))
            .apply(Input.of(16, 16, 3))
            .shape());
    assertArrayEquals(
        new int[] {-1, 14, 14, 5}, new Conv2D(5, 3).apply(Input.of(16, 16, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 12, 10, 2},
        new Conv2D(Conv2D.filters(2, 3).dilationRate(2, 3)).apply(Input.of(16, 16, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 6, 5, 1},
        new Conv2D(Conv2D.filters(1, 1).strides(2, 3).padding("SAME"))
            .apply(Input.of(11, 13, 3))
            .shape());
  }

  @Test
  void addsTheBiasThenAppliesTheActivation() {
    Conv2D conv =
        new Conv2D(
            Conv2D.filters(1, 2)
                .activation("relu")
                .kernelInitializer(shape -> Tensor.full(1f, shape))
                .biasInitializer(shape -> Tensor.full(-10f, shape)));
    // 3x3 input 0..8: each 2x2 window sums to 8, 12, 20, 24.
    Tensor y = conv.apply(GradCheck.ramp(0, 1, 1, 3, 3, 1));
    assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape().dims());
    assertArrayEquals(new float[] {0, 2, 10, 14}, y.toFloatArray(), 1e-6f);
  }

  @Test
  void matchesTheOpAndDifferentiates() {
    Conv2D conv = new Conv2D(Conv2D.filters(3, 3).strides(2).padding("same"));
    Tensor x = new Rng(3).normal(0, 1, 2, 5, 5, 2);
    Tensor y = conv.apply(x);
    Tensor expected =
        Ops.add(
            Ops.conv2d(x, conv.kernel(), new int[] {2, 2}, dev.graft.tensor.Padding.SAME),
            conv.bias());
    assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 0f);
    GradCheck.layer(conv, x, false);
  }

  @Test
  void regularizersAddLosses() {
    Conv2D conv = new Conv2D(Conv2D.filters(2, 1).kernelRegularizer(w -> Ops.sum(Ops.square(w))));
    conv.build(List.of(new int[] {-1, 4, 4, 3}));
    assertEquals(1, conv.losses().size());
    float expected = Ops.sum(Ops.square(conv.kernel())).item();
    assertEquals(expected, conv.losses().get(0).item(), 1e-6f);
  }

  @Test
  void errorsNameTheLayerAndTheShapes() {
    Conv2D conv = new Conv2D(Conv2D.filters(4, 3).name("c1"));
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> conv.apply(Input.of(16, 3)));
    assertTrue(
        rank.getMessage().contains("'c1'") && rank.getMessage().contains("(None, 16, 3)"),
        rank.getMessage());

    Conv2D built = new Conv2D(Conv2D.filters(4, 3).name("c2"));
    built.apply(Tensor.zeros(1, 8, 8, 3));
    IllegalArgumentException channels =
        assertThrows(IllegalArgumentException.class, () -> built.apply(Tensor.zeros(2, 8, 8, 4)));
    assertTrue(
        channels.getMessage().contains("'c2'")
            && channels.getMessage().contains("(None, height, width, 3)")
            && channels.getMessage().contains("(2, 8, 8, 4)"),
        channels.getMessage());

    IllegalArgumentException small =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Conv2D(Conv2D.filters(1, 5).name("c3")).apply(Input.of(4, 8, 1)));
    assertTrue(
        small.getMessage().contains("'c3'") && small.getMessage().contains("(None, 4, 8, 1)"),
        small.getMessage());

    assertThrows(
        IllegalArgumentException.class,
        () -> new Conv2D(Conv2D.filters(1, 3).strides(2).dilationRate(2)));
    IllegalArgumentException padding =
        assertThrows(IllegalArgumentException.class, () -> Conv2D.filters(1, 3).padding("causal"));
    assertTrue(padding.getMessage().contains("\"causal\""), padding.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 0));
  }
}
