package dev.graft.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.autodiff.GradientTape;
import dev.graft.layers.core.Dense;
import dev.graft.layers.merging.Add;
import dev.graft.layers.merging.Concatenate;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiInputOutputModelTest {
  @Test
  void twoInputsTwoOutputsRunNestedAndDifferentiate() {
    KerasTensor a = Input.of(3);
    KerasTensor b = Input.of(5);
    KerasTensor joined = new Concatenate().applySymbolic(List.of(a, b), null).get(0);
    Dense shared = new Dense(4);
    KerasTensor h = shared.apply(joined);
    KerasTensor out1 = new Dense(2).apply(h);
    KerasTensor out2 = new Dense(1).apply(h);
    Model inner = new Model(List.of(a, b), List.of(out1, out2), "two_heads");
    assertArrayEquals(new int[] {-1, 2}, out1.shape());
    assertArrayEquals(new int[] {-1, 1}, out2.shape());

    Rng rng = new Rng(5);
    Tensor xa = rng.normal(0, 1, 6, 3);
    Tensor xb = rng.normal(0, 1, 6, 5);
    List<Tensor> direct = inner.apply(List.of(xa, xb), false);
    assertEquals(2, direct.size());
    // The same values, computed by hand from the layers' weights.
    Tensor hv = Ops.add(Ops.matmul(Ops.concat(-1, xa, xb), shared.kernel()), shared.bias());
    Dense head1 = (Dense) inner.layers().get(inner.layers().size() - 2);
    Tensor expected1 = Ops.add(Ops.matmul(hv, head1.kernel()), head1.bias());
    assertArrayEquals(expected1.toFloatArray(), direct.get(0).toFloatArray(), 1e-5f);

    // Nested: the two outputs of the inner model feed an outer model.
    KerasTensor oa = Input.of(3);
    KerasTensor ob = Input.of(5);
    List<KerasTensor> heads = inner.applySymbolic(List.of(oa, ob), null);
    KerasTensor sum =
        new Add()
            .applySymbolic(List.of(heads.get(1), new Dense(1).apply(heads.get(0))), null)
            .get(0);
    Model outer = new Model(List.of(oa, ob), List.of(sum), "outer");
    assertEquals(inner.weights().size() + 2, outer.weights().size());
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = Ops.mean(Ops.square(outer.apply(List.of(xa, xb), true).get(0)));
      grads = tape.gradient(loss, outer.trainableWeights());
    }
    for (Tensor g : grads) {
      assertNotNull(g);
    }
    assertThrows(IllegalArgumentException.class, () -> outer.apply(List.of(xa), false));
  }
}
