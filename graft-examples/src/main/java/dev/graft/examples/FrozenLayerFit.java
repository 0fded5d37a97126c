package dev.graft.examples;

import dev.graft.layers.core.Dense;
import dev.graft.losses.MeanSquaredError;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's check that {@code fit} leaves a frozen layer alone: two Dense layers, the first
 * frozen, compiled with Adam and mean squared error, fitted on random data. Prints Keras's progress
 * output, then whether layer1's weights are unchanged.
 *
 * <pre>{@code
 * layer1.setTrainable(false);
 * model.compile(new Adam(1e-3f), new MeanSquaredError());
 * model.fit(x, y);
 * }</pre>
 */
public final class FrozenLayerFit {
  private FrozenLayerFit() {}

  public static void main(String[] args) {
    // Make a model with 2 layers.
    Dense layer1 = new Dense(Dense.units(3).activation("relu"));
    Dense layer2 = new Dense(Dense.units(3).activation("sigmoid"));
    Sequential model = new Sequential().withInput(3).add(layer1).add(layer2);

    // Freeze the first layer, then compile: compile captures which weights train.
    layer1.setTrainable(false);
    List<Tensor> initialLayer1 = layer1.getWeights();
    model.compile(new Adam(1e-3f), new MeanSquaredError());

    // Train the model on random data.
    Rng rng = new Rng(42);
    model.fit(rng.uniform(0f, 1f, 2, 3), rng.uniform(0f, 1f, 2, 3));

    // Check that the weights of layer1 have not changed during training.
    List<Tensor> finalLayer1 = layer1.getWeights();
    boolean unchanged = true;
    for (int i = 0; i < initialLayer1.size(); i++) {
      unchanged &=
          Arrays.equals(initialLayer1.get(i).toFloatArray(), finalLayer1.get(i).toFloatArray());
    }
    System.out.println("layer1 weights unchanged: " + unchanged);
  }
}
