package dev.graft.layers.merging;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins its inputs along one axis, by default the last (Keras's {@code Concatenate}): {@code (None,
 * 8, 8, 3)} and {@code (None, 8, 8, 5)} give {@code (None, 8, 8, 8)}. The inputs must have the same
 * rank and equal sizes on every other axis.
 */
public final class Concatenate extends Layer {
  private final int axis;

  /** Concatenates along the last axis. */
  public Concatenate() {
    this(-1, null);
  }

  public Concatenate(int axis) {
    this(axis, null);
  }

  /**
   * @param axis the axis to join along, negative counting from the end
   * @param name the layer's name, or {@code null} for an automatic one ({@code concatenate}, ...)
   */
  public Concatenate(int axis, String name) {
    super(name);
    markStateless();
    this.axis = axis;
  }

  public int axis() {
    return axis;
  }

  @Override
  protected void build(int[] inputShape) {
    check(List.of(inputShape));
  }

  @Override
  protected void buildMulti(List<int[]> inputShapes) {
    check(inputShapes);
  }

  @Override
  protected List<Tensor> call(List<Tensor> inputs, boolean training) {
    List<int[]> shapes = new ArrayList<>();
    for (Tensor t : inputs) {
      shapes.add(t.shape().dims());
    }
    int a = check(shapes);
    return List.of(Ops.concat(a, inputs.toArray(new Tensor[0])));
  }

  /** Validates the shapes and returns the non-negative axis. */
  private int check(List<int[]> shapes) {
    int rank = shapes.get(0).length;
    int a = axis < 0 ? axis + rank : axis;
    boolean ok = a >= 0 && a < rank;
    for (int i = 1; ok && i < shapes.size(); i++) {
      int[] s = shapes.get(i);
      ok = s.length == rank;
      for (int d = 0; ok && d < rank; d++) {
        int p = shapes.get(0)[d];
        ok = d == a || s[d] == p || s[d] < 0 || p < 0;
      }
    }
    if (!ok) {
      StringBuilder list = new StringBuilder();
      for (int[] s : shapes) {
        list.append(list.length() == 0 ? "" : ", ").append(formatShape(s));
      }
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Concatenate) along axis "
              + axis
              + " needs inputs of the same rank with equal sizes on every other axis, got shapes ["
              + list
              + "]");
    }
    return a;
  }
}
