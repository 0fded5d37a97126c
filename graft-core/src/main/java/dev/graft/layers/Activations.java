package dev.graft.layers;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Keras's activation functions by name, as layers' {@code activation="..."} settings use them. */
public final class Activations {
  private static final Map<String, UnaryOperator<Tensor>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("linear", x -> x);
    BY_NAME.put("relu", Ops::relu);
    BY_NAME.put("relu6", Ops::relu6);
    BY_NAME.put("sigmoid", Ops::sigmoid);
    BY_NAME.put("tanh", Ops::tanh);
    BY_NAME.put("softmax", x -> Ops.softmax(x, -1));
    BY_NAME.put("log_softmax", x -> Ops.logSoftmax(x, -1));
    BY_NAME.put("softplus", Ops::softplus);
    BY_NAME.put("softsign", x -> Ops.div(x, Ops.add(Ops.abs(x), Tensor.scalar(1))));
    BY_NAME.put("elu", x -> Ops.elu(x, 1f));
    BY_NAME.put("selu", Activations::selu);
    BY_NAME.put("gelu", Ops::gelu);
    BY_NAME.put("swish", Ops::swish);
    BY_NAME.put("silu", Ops::swish);
    BY_NAME.put("leaky_relu", x -> Ops.leakyRelu(x, 0.2f));
    BY_NAME.put("exponential", Ops::exp);
    // Keras 3: relu6(x + 3) / 6.
    BY_NAME.put(
        "hard_sigmoid",
        x -> Ops.mul(Ops.relu6(Ops.add(x, Tensor.scalar(3))), Tensor.scalar(1f / 6)));
    BY_NAME.put(
        "hard_swish",
        x -> Ops.mul(x, Ops.mul(Ops.relu6(Ops.add(x, Tensor.scalar(3))), Tensor.scalar(1f / 6))));
  }

  private Activations() {}

  /**
   * The activation called {@code name} ({@code null} means linear).
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static UnaryOperator<Tensor> get(String name) {
    if (name == null) {
      return BY_NAME.get("linear");
    }
    UnaryOperator<Tensor> f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown activation '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return f;
  }

  private static Tensor selu(Tensor x) {
    float alpha = 1.6732632423543772f;
    float scale = 1.0507009873554805f;
    return Ops.mul(Ops.elu(x, alpha), Tensor.scalar(scale));
  }
}
