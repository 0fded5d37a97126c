package dev.graft.examples;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.layers.core.Dense;
import dev.graft.models.Sequential;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's block showing that a frozen layer's weights keep their values while the model trains:
 * two Dense layers, the first frozen, one training step on random data. The guide trains with
 * {@code fit()}; here one step is written out: a {@link GradientTape} records the loss (mean
 * squared error) and plain gradient descent updates the model's trainable weights, which do not
 * include the frozen layer's.
 */
public final class FrozenWeightsStayFixed {
  private static final float LEARNING_RATE = 0.1f;

  private FrozenWeightsStayFixed() {}

  public static void main(String[] args) {
    // A model with two layers.
    Dense layer1 = new Dense(Dense.units(3).activation("relu"));
    Dense layer2 = new Dense(Dense.units(3).activation("sigmoid"));
    Sequential model = new Sequential().withInput(3);
    model.add(layer1).add(layer2);

    layer1.setTrainable(false); // freeze the first layer

    // Copies of the weights, to compare with after training.
    List<Tensor> initialLayer1 = layer1.getWeights();
    List<Tensor> initialLayer2 = layer2.getWeights();

    // One training step on random data.
    Rng rng = new Rng(7);
    Tensor x = rng.uniform(0f, 1f, 2, 3);
    Tensor y = rng.uniform(0f, 1f, 2, 3);
    List<Variable> trainable = model.trainableWeights();
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = Ops.mean(Ops.square(Ops.sub(model.apply(x, true), y)));
      grads = tape.gradient(loss, new ArrayList<>(trainable));
    }
    for (int i = 0; i < trainable.size(); i++) {
      trainable.get(i).assignSub(grads.get(i).mul(LEARNING_RATE));
    }

    System.out.println("trainable_weights: " + trainable.size());
    System.out.println("layer1 weights unchanged: " + same(initialLayer1, layer1.getWeights()));
    System.out.println("layer2 weights unchanged: " + same(initialLayer2, layer2.getWeights()));
  }

  private static boolean same(List<Tensor> a, List<Tensor> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i).toFloatArray(), b.get(i).toFloatArray())) {
        return false;
      }
    }
    return a.size() == b.size();
  }
}
