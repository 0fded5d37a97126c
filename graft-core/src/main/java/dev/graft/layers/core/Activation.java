package dev.graft.layers.core;

import dev.graft.layers.Activations;
import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;
import java.util.function.UnaryOperator;

/** Applies a named activation ({@link Activations}). */
public final class Activation extends Layer {
  private final String activation;
  private final UnaryOperator<Tensor> fn;

  public Activation(String activation) {
    this(activation, null);
  }

  public Activation(String activation, String name) {
    super(name);
    markStateless();
    this.activation = activation;
    this.fn = Activations.get(activation);
  }

  public String activation() {
    return activation;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return fn.apply(x);
  }
}
