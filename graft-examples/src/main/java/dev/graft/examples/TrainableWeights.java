package dev.graft.examples;

import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import java.util.List;

/**
 * The transfer-learning guide's first blocks, on the {@code trainable} attribute: how many weights
 * a layer has, and how many of them are trainable.
 *
 * <ul>
 *   <li>A {@code Dense(3)} built for inputs {@code (None, 4)}: a kernel and a bias, both trainable.
 *   <li>A {@code BatchNormalization}: gamma and beta are trainable; the moving mean and variance
 *       are not (the layer updates them itself while training).
 *   <li>A frozen {@code Dense(3)}: {@code setTrainable(false)} moves both weights to non-trainable.
 * </ul>
 *
 * Prints the same lines as the guide's Python code.
 */
public final class TrainableWeights {
  private TrainableWeights() {}

  public static void main(String[] args) {
    Dense dense = new Dense(3);
    dense.build(List.of(new int[] {-1, 4})); // creates the weights
    printCounts(dense);

    BatchNormalization bn = new BatchNormalization();
    bn.build(List.of(new int[] {-1, 4}));
    printCounts(bn);

    Dense frozen = new Dense(3);
    frozen.build(List.of(new int[] {-1, 4}));
    frozen.setTrainable(false); // freeze the layer
    printCounts(frozen);
  }

  private static void printCounts(Layer layer) {
    System.out.println("weights: " + layer.weights().size());
    System.out.println("trainable_weights: " + layer.trainableWeights().size());
    System.out.println("non_trainable_weights: " + layer.nonTrainableWeights().size());
  }
}
