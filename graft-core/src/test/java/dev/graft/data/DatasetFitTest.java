package dev.graft.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.initializers.Seeds;
import dev.graft.layers.core.Dense;
import dev.graft.losses.MeanSquaredError;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import dev.graft.training.FitOptions;
import dev.graft.training.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetFitTest {
  @Test
  void fitTrainsOnADatasetOfBatches() {
    Seeds.setGlobalSeed(3);
    Rng rng = new Rng(11);
    Tensor x = rng.normal(0, 1, 64, 2);
    float[] xs = x.toFloatArray();
    float[] ys = new float[64];
    for (int i = 0; i < 64; i++) {
      ys[i] = 2 * xs[2 * i] - xs[2 * i + 1] + 0.5f;
    }
    Tensor y = Tensor.of(ys, 64, 1);
    Dataset<Batch> train =
        Dataset.fromArrays(x, y).shuffle(64, 1, true).batch(16, false).prefetch(2).toBatches();
    assertEquals(4, train.cardinality());

    Sequential model = new Sequential().withInput(2).add(new Dense(Dense.units(1)));
    model.compile(new Adam(0.05f), new MeanSquaredError());
    History h = model.fit(train, FitOptions.defaults().epochs(20).verbose(0));
    List<Double> loss = h.get("loss");
    assertEquals(20, loss.size());
    assertTrue(loss.get(19) < loss.get(0) * 0.2, "loss should fall: " + loss);
    assertEquals(0, DatasetTestSupport.workerThreads());
  }

  @Test
  void progressBarShowsUnknownStepsOnlyWhileTheCardinalityIsUnknown() {
    Tensor x = new Rng(2).normal(0, 1, 64, 2);
    Tensor y = new Rng(3).normal(0, 1, 64, 1);
    Dataset<Sample> samples = Dataset.fromArrays(x, y);
    Dataset<Batch> known = samples.batch(16, false).toBatches();
    Dataset<Batch> unknown = samples.filter(s -> true).batch(16, false).toBatches();
    assertEquals(4, known.cardinality());
    assertEquals(Dataset.UNKNOWN_CARDINALITY, unknown.cardinality());

    String[] epochs = progress(unknown).split("Epoch 2/2");
    assertTrue(epochs[0].contains("      1/Unknown"), epochs[0]);
    assertTrue(epochs[0].contains("4/4"), "the epoch's final line knows the count: " + epochs[0]);
    assertTrue(!epochs[1].contains("Unknown") && epochs[1].contains("1/4"), epochs[1]);

    String withCount = progress(known);
    assertTrue(!withCount.contains("Unknown") && withCount.contains("1/4"), withCount);
  }

  private static String progress(Dataset<Batch> train) {
    Seeds.setGlobalSeed(4);
    Sequential model = new Sequential().withInput(2).add(new Dense(Dense.units(1)));
    model.compile(new Adam(0.05f), new MeanSquaredError());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    long[] now = {0};
    model.fit(
        train,
        FitOptions.defaults()
            .epochs(2)
            .output(new PrintStream(buf, true, StandardCharsets.UTF_8))
            .terminal(true)
            .clock(() -> now[0] += 100_000_000L));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
