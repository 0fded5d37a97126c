package dev.graft.optimizers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.losses.Loss;
import dev.graft.losses.MeanSquaredError;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The custom-training-loop shape: tape, loss, gradients, applyGradients inside the tape block. */
class TrainingLoopTest {

  static Stream<Supplier<Optimizer>> optimizers() {
    return Stream.of(
        () -> Sgd.builder().learningRate(0.1f).momentum(0.9f).build(),
        () -> new Adam(0.05f),
        () -> AdamW.builder().learningRate(0.05f).build(),
        () -> RmsProp.builder().learningRate(0.02f).centered(true).build(),
        () -> new Adagrad(0.5f));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void fitsALinearModelAndLeavesFrozenWeightsAlone(Supplier<Optimizer> make) {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 1, 0, -1, 2, 0.5f, 1, -2, 1}, 6, 2);
    Tensor y = Ops.add(Ops.matmul(x, Tensor.of(new float[] {2f, -1f}, 2, 1)), Tensor.scalar(0.5f));
    Variable w = new Variable("w", Tensor.zeros(2, 1));
    Variable b = new Variable("b", Tensor.zeros(1));
    Variable frozen = new Variable("frozen", Tensor.ones(1), false);
    List<Variable> weights = List.of(w, b, frozen);
    Optimizer opt = make.get();
    Loss mse = new MeanSquaredError();
    float first = Float.NaN;
    float last = Float.NaN;
    for (int step = 0; step < 200; step++) {
      try (GradientTape tape = GradientTape.open()) {
        Tensor pred = Ops.mul(Ops.add(Ops.matmul(x, w), b), frozen);
        Tensor loss = mse.call(y, pred);
        List<Tensor> grads = tape.gradient(loss, weights);
        opt.applyGradients(grads, weights);
        last = loss.item();
        if (step == 0) {
          first = last;
        }
      }
    }
    assertTrue(last < 0.05f * first, opt.name() + ": loss " + first + " -> " + last);
    assertTrue(frozen.allClose(Tensor.ones(1), 0f), "the frozen variable got no gradient");
  }
}
