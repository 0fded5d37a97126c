package dev.graft.layers.merging;

import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of the elementwise merge layers ({@link Add}, {@link Subtract}, {@link Multiply}): the
 * inputs must have the same rank, and on each axis equal sizes or a size of 1 (broadcast). Call
 * them with {@link Layer#apply(List, boolean)} or {@link Layer#applySymbolic}; a single input is
 * returned unchanged, as Keras does.
 */
public abstract class Merge extends Layer {
  protected Merge(String name) {
    super(name);
    markStateless();
  }

  /** Combines two inputs; called left to right over the list. */
  protected abstract Tensor combine(Tensor a, Tensor b);

  /** Checks the number of inputs; the default accepts one or more. */
  protected void checkCount(int count, List<int[]> shapes) {}

  @Override
  protected final void build(int[] inputShape) {
    checkCount(1, List.of(inputShape));
  }

  @Override
  protected final void buildMulti(List<int[]> inputShapes) {
    checkShapes(inputShapes);
  }

  @Override
  protected final List<Tensor> call(List<Tensor> inputs, boolean training) {
    List<int[]> shapes = new ArrayList<>();
    for (Tensor t : inputs) {
      shapes.add(t.shape().dims());
    }
    checkShapes(shapes);
    Tensor y = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      y = combine(y, inputs.get(i));
    }
    return List.of(y);
  }

  private void checkShapes(List<int[]> shapes) {
    checkCount(shapes.size(), shapes);
    int[] first = shapes.get(0);
    for (int i = 1; i < shapes.size(); i++) {
      int[] s = shapes.get(i);
      boolean ok = s.length == first.length;
      for (int a = 0; ok && a < s.length; a++) {
        ok = s[a] == first[a] || s[a] == 1 || first[a] == 1 || s[a] < 0 || first[a] < 0;
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "layer '"
                + name()
                + "' ("
                + typeName()
                + ") got inputs of incompatible shapes "
                + formatShape(first)
                + " and "
                + formatShape(s)
                + " (input "
                + i
                + "); they need the same rank and, on each axis, equal sizes or a size of 1");
      }
    }
  }

  /** The shapes as a readable list, for error messages. */
  protected static String formatShapes(List<int[]> shapes) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shapes.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(formatShape(shapes.get(i)));
    }
    return sb.append(']').toString();
  }
}
