package dev.graft.models;

/** Entry points of functional models, as Keras's {@code keras.Input}. */
public final class Input {
  private Input() {}

  /** A symbolic input of the given shape, without the batch axis: {@code Input.of(150, 150, 3)}. */
  public static KerasTensor of(int... shape) {
    return named(null, shape);
  }

  /** A named symbolic input ({@code null} for an automatic name, {@code input_layer}, ...). */
  public static KerasTensor named(String name, int... shape) {
    int[] batchShape = new int[shape.length + 1];
    batchShape[0] = -1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 1) {
        throw new IllegalArgumentException(
            "Input: dimensions must be positive, got " + java.util.Arrays.toString(shape));
      }
      batchShape[i + 1] = shape[i];
    }
    InputLayer layer =
        new InputLayer(
            name == null ? dev.graft.layers.LayerNames.unique("input_layer") : name, batchShape);
    return Node.input(layer, batchShape).output(0);
  }
}
