package dev.graft.examples;

import dev.graft.autodiff.GradientTape;
import dev.graft.initializers.Seeds;
import dev.graft.layers.core.Dense;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.Loss;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.Optimizer;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's custom training loop: a frozen base under a new head, trained step by step with a
 * {@link GradientTape} and {@link Optimizer#applyGradients}. Prints the loss of each step, then
 * whether the frozen base's weights are unchanged.
 */
public final class CustomTrainingLoop {
  private CustomTrainingLoop() {}

  public static void main(String[] args) {
    Seeds.setGlobalSeed(42); // the same initial weights on every run

    // A small "pretrained" base, frozen, always run in inference mode; a new head on top.
    Sequential base =
        new Sequential("base").withInput(4).add(new Dense(Dense.units(8).activation("relu")));
    base.setTrainable(false);
    KerasTensor inputs = Input.of(4);
    KerasTensor features = base.apply(inputs, false);
    KerasTensor outputs = new Dense(1).apply(features);
    Model model = new Model(inputs, outputs, "classifier");

    // Random data: two clusters, around 0.2 (label 0) and 0.8 (label 1) in every feature.
    List<Batch> dataset = new ArrayList<>();
    Rng rng = new Rng(7);
    for (int b = 0; b < 4; b++) {
      float[] x = rng.normal(0f, 0.15f, 16, 4).toFloatArray();
      float[] y = new float[16];
      for (int i = 0; i < 16; i++) {
        y[i] = i % 2;
        for (int j = 0; j < 4; j++) {
          x[4 * i + j] += y[i] == 1 ? 0.8f : 0.2f;
        }
      }
      dataset.add(Batch.of(Tensor.of(x, 16, 4), Tensor.of(y, 16, 1)));
    }
    List<Tensor> frozenBefore = base.getWeights();

    Loss lossFn = new BinaryCrossentropy(true);
    Optimizer optimizer = new Adam(0.05f);
    int step = 0;
    for (int epoch = 0; epoch < 2; epoch++) {
      for (Batch b : dataset) {
        try (GradientTape tape = GradientTape.open()) {
          Tensor predictions = model.apply(b.x(), true);
          Tensor lossValue = lossFn.call(b.y(), predictions);
          List<Tensor> grads = tape.gradient(lossValue, model.trainableWeights());
          optimizer.applyGradients(grads, model.trainableWeights());
          System.out.printf("step %d: loss %.4f%n", step++, lossValue.item());
        }
      }
    }

    List<Tensor> frozenAfter = base.getWeights();
    boolean unchanged = true;
    for (int i = 0; i < frozenBefore.size(); i++) {
      unchanged &=
          Arrays.equals(frozenBefore.get(i).toFloatArray(), frozenAfter.get(i).toFloatArray());
    }
    System.out.println("frozen weights unchanged: " + unchanged);
  }
}
