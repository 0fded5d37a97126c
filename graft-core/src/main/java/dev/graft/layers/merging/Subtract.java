package dev.graft.layers.merging;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.List;

/** {@code inputs[0] - inputs[1]} (Keras's {@code Subtract}); takes exactly two inputs. */
public final class Subtract extends Merge {
  public Subtract() {
    this(null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code subtract}, ...)
   */
  public Subtract(String name) {
    super(name);
  }

  @Override
  protected void checkCount(int count, List<int[]> shapes) {
    if (count != 2) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Subtract) takes exactly 2 inputs, got "
              + count
              + " with shapes "
              + formatShapes(shapes));
    }
  }

  @Override
  protected Tensor combine(Tensor a, Tensor b) {
    return Ops.sub(a, b);
  }
}
