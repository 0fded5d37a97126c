package dev.graft.applications;

import dev.graft.layers.Layer;
import dev.graft.layers.activation.ReLU;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a ReLU6's input lies within float rounding of a kink (0 or 6), the gradient mask there is
 * decided by rounding: graft's vector and scalar kernels, and Keras, may legitimately disagree, and
 * everything upstream of that ReLU inherits the difference. This finds the last such ReLU of a
 * model, so golden gradient tests can hold the unaffected weights (those of later layers) to the
 * tight tolerance and say why the others get a looser one.
 */
final class ReluKinks {
  /** Inputs closer than this to 0 or 6 count as at the kink (float32 rounding of values ~1-10). */
  static final double NEAR = 1e-5;

  private ReluKinks() {}

  /**
   * The position in {@code model.layers()} of the last ReLU layer with an input within {@link
   * #NEAR} of a kink for this input, or -1 if none; prints what it finds.
   */
  static int lastNearKink(Model model, Tensor input) {
    List<KerasTensor> reluInputs = new ArrayList<>();
    List<Layer> relus = new ArrayList<>();
    for (Node n : model.nodes()) {
      if (n.layer() instanceof ReLU) {
        reluInputs.add(n.inputs().get(0));
        relus.add(n.layer());
      }
    }
    List<Tensor> values =
        new Model(model.inputs(), reluInputs, "relu_probe").apply(List.of(input), false);
    int last = -1;
    for (int i = 0; i < relus.size(); i++) {
      float max = ((ReLU) relus.get(i)).maxValue();
      int near = 0;
      for (float v : values.get(i).toFloatArray()) {
        if (Math.abs(v) < NEAR || (Float.isFinite(max) && Math.abs(v - max) < NEAR * max)) {
          near++;
        }
      }
      if (near > 0) {
        System.out.printf(
            "relu kinks: %d input value(s) of %s within %.0g of a kink%n",
            near, relus.get(i).name(), NEAR);
        last = Math.max(last, model.layers().indexOf(relus.get(i)));
      }
    }
    return last;
  }
}
