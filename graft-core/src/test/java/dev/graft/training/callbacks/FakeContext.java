package dev.graft.training.callbacks;

import dev.graft.layers.core.Dense;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Optimizer;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A stand-in for {@code fit}: a small model, an optimizer, and the stop flag. */
final class FakeContext implements TrainingContext {
  private final Model model;
  private final Optimizer optimizer;
  private boolean stop;

  FakeContext(Optimizer optimizer) {
    this.model = smallModel();
    this.optimizer = optimizer;
  }

  FakeContext() {
    this(null);
  }

  /** Input (2,) then Dense(3): a kernel (2, 3) and a bias (3,). */
  static Model smallModel() {
    KerasTensor in = Input.of(2);
    return new Model(in, new Dense(3).apply(in), "m");
  }

  /** Sets every weight of the model to {@code value}. */
  static void fill(Model model, float value) {
    List<Tensor> values = new ArrayList<>();
    for (Tensor w : model.getWeights()) {
      values.add(Tensor.full(value, w.shape().dims()));
    }
    model.setWeights(values);
  }

  /** The single value every weight holds (fails if they differ). */
  static float filledValue(Model model) {
    float v = Float.NaN;
    for (Tensor w : model.getWeights()) {
      for (float x : w.toFloatArray()) {
        if (Float.isNaN(v)) {
          v = x;
        } else if (x != v) {
          throw new AssertionError("weights are not all equal: " + v + " vs " + x);
        }
      }
    }
    return v;
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public int epochs() {
    return 100;
  }

  @Override
  public int stepsPerEpoch() {
    return -1;
  }

  @Override
  public void stopTraining() {
    stop = true;
  }

  @Override
  public boolean isStopRequested() {
    return stop;
  }
}
