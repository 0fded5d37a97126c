package dev.graft.training;

import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.models.Sequential;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Data, models and a log capture shared by the training tests. */
final class TrainingFixtures {
  private TrainingFixtures() {}

  /** Two Gaussian blobs in 2-D around (-1, -1) (label 0) and (1, 1) (label 1), interleaved. */
  static Tensor[] blobs(int n, long seed) {
    Rng rng = new Rng(seed);
    float[] noise = rng.normal(0f, 0.5f, n, 2).toFloatArray();
    float[] x = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float c = i % 2 == 0 ? -1f : 1f;
      y[i] = i % 2;
      x[2 * i] = c + noise[2 * i];
      x[2 * i + 1] = c + noise[2 * i + 1];
    }
    return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n, 1)};
  }

  /** A 2 -> 8 (relu) -> 1 (sigmoid) classifier. */
  static Sequential classifier() {
    return new Sequential()
        .withInput(2)
        .add(new Dense(Dense.units(8).activation("relu")))
        .add(new Dense(Dense.units(1).activation("sigmoid")));
  }

  static List<float[]> values(Layer layer) {
    List<float[]> out = new ArrayList<>();
    for (Tensor t : layer.getWeights()) {
      out.add(t.toFloatArray());
    }
    return out;
  }

  static boolean same(List<float[]> a, List<float[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Collects what the {@code dev.graft.training} logger logs while open. */
  static final class LogCapture extends Handler implements AutoCloseable {
    final List<String> messages = new ArrayList<>();
    private final Logger logger = Logger.getLogger("dev.graft.training");

    LogCapture() {
      logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
      messages.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
