package dev.graft.examples;

import dev.graft.layers.core.Dense;
import dev.graft.models.Sequential;

/**
 * The guide's block on recursive freezing: a model nested in another model; freezing the outer
 * model freezes the inner model and every layer in it. The guide asserts the two values; this
 * prints them.
 */
public final class RecursiveTrainable {
  private RecursiveTrainable() {}

  public static void main(String[] args) {
    Sequential innerModel = new Sequential().withInput(3);
    innerModel.add(new Dense(Dense.units(3).activation("relu")));
    innerModel.add(new Dense(Dense.units(3).activation("relu")));

    Sequential model = new Sequential().withInput(3);
    model.add(innerModel);
    model.add(new Dense(Dense.units(3).activation("sigmoid")));

    model.setTrainable(false); // freeze the outer model

    // Every layer in `model` is now frozen, and the flag reached the inner model's layers.
    System.out.println("inner_model.trainable: " + innerModel.isTrainable());
    System.out.println(
        "inner_model.layers[0].trainable: " + innerModel.layers().get(0).isTrainable());
  }
}
