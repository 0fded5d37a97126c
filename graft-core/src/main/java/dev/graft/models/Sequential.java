package dev.graft.models;

import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain stack of single-input layers, as Keras's {@code Sequential}. Given an input shape ({@link
 * #withInput}) it builds its graph at once; otherwise on the first call.
 *
 * <pre>{@code
 * Sequential model = new Sequential("classifier").withInput(12, 12, 1);
 * model.add(new Conv2D(4, 3)).add(new Flatten()).add(new Dense(2));
 * }</pre>
 */
public class Sequential extends Model {
  private final List<Layer> stack = new ArrayList<>();
  private int[] inputShape;
  private String inputName;

  public Sequential(String name) {
    super(name == null ? LayerNames.unique("sequential") : name);
  }

  public Sequential() {
    this(null);
  }

  /** Declares the input shape (without the batch axis), as a leading {@code keras.Input}. */
  public Sequential withInput(int... shape) {
    return withInput(null, shape);
  }

  /** Declares a named input. */
  public Sequential withInput(String name, int... shape) {
    this.inputShape = shape.clone();
    this.inputName = name;
    rebuild();
    return this;
  }

  @Override
  public String typeName() {
    return "Sequential";
  }

  /**
   * Appends a layer. If the model has an input shape and the layer cannot take the previous layer's
   * output, the layer is not added and the build error is thrown.
   */
  public Sequential add(Layer layer) {
    for (Layer l : stack) {
      if (l.name().equals(layer.name())) {
        throw new IllegalArgumentException(
            "Sequential '"
                + name()
                + "': a layer named '"
                + layer.name()
                + "' is already in it;"
                + " layer names must be unique");
      }
    }
    stack.add(layer);
    track(layer);
    try {
      rebuild();
    } catch (RuntimeException e) {
      // The layer does not fit on the stack (its build or call failed): leave the model as it was.
      stack.remove(stack.size() - 1);
      untrack(layer);
      throw e;
    }
    return this;
  }

  /** Removes and returns the last layer. */
  public Layer pop() {
    if (stack.isEmpty()) {
      throw new IllegalStateException("Sequential '" + name() + "' has no layers to pop");
    }
    Layer last = stack.remove(stack.size() - 1);
    untrack(last);
    rebuild();
    return last;
  }

  /** The added layers, without the input layer (as Keras's {@code Sequential.layers}). */
  @Override
  public List<Layer> layers() {
    return Collections.unmodifiableList(stack);
  }

  private void rebuild() {
    if (inputShape == null || stack.isEmpty()) {
      return;
    }
    KerasTensor in = Input.named(inputName, inputShape);
    KerasTensor x = in;
    for (Layer l : stack) {
      x = l.apply(x);
    }
    initGraph(List.of(in), List.of(x));
  }

  @Override
  protected List<Tensor> call(List<Tensor> values, boolean training) {
    if (inputShape == null) {
      if (values.size() != 1) {
        throw new IllegalArgumentException(
            "Sequential '" + name() + "' takes one input, got " + values.size());
      }
      int[] s = values.get(0).shape().dims();
      inputShape = java.util.Arrays.copyOfRange(s, 1, s.length);
      rebuild();
    }
    if (stack.isEmpty()) {
      throw new IllegalStateException("Sequential '" + name() + "' has no layers; add some first");
    }
    return super.call(values, training);
  }
}
