package dev.graft.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.core.Dense;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.MeanSquaredError;
import dev.graft.metrics.BinaryAccuracy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Sgd;
import dev.graft.saving.GraftWeights;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.training.callbacks.EarlyStopping;
import dev.graft.training.callbacks.ModelCheckpoint;
import dev.graft.training.callbacks.ReduceLROnPlateau;
import dev.graft.training.callbacks.TerminateOnNaN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callbacks of dev.graft.training.callbacks driven by the real fit loop. */
class FitWithCallbacksTest {
  private static Model linear(String name) {
    KerasTensor in = Input.of(3);
    return new Model(in, new Dense(1).apply(in), name);
  }

  private static Tensor[] regression(int n) {
    Rng rng = new Rng(3);
    Tensor x = rng.normal(0, 1, n, 3);
    Tensor y = x.matmul(Tensor.of(new float[] {1, -2, 0.5f}, 3, 1)).add(0.1f);
    return new Tensor[] {x, y};
  }

  @Test
  void stringMetricsResolveThroughTheLoss() {
    Model model = linear("m");
    model.compile(
        Sgd.builder().learningRate(0.1f).build(), new BinaryCrossentropy(true), "accuracy");
    assertTrue(model.trainer().metrics().get(0) instanceof BinaryAccuracy);
    assertEquals("accuracy", model.trainer().metrics().get(0).name());
  }

  @Test
  void earlyStoppingInFitRestoresTheBestWeights() {
    Model model = linear("es");
    Tensor[] d = regression(64);
    // A learning rate this large diverges: the first epoch is the best.
    model.compile(Sgd.builder().learningRate(3f).build(), new MeanSquaredError());
    List<Tensor> before = model.getWeights();
    EarlyStopping es =
        EarlyStopping.builder().monitor("loss").patience(1).restoreBestWeights(true).build();
    History h =
        model.fit(
            d[0], d[1], FitOptions.defaults().epochs(20).shuffle(false).verbose(0).callbacks(es));
    assertTrue(h.epochs().size() < 20, "stopped early after " + h.epochs().size() + " epochs");
    List<Double> losses = h.get("loss");
    int best = losses.indexOf(losses.stream().min(Double::compare).orElseThrow());
    // Re-run the same deterministic fit for exactly best + 1 epochs: its weights are the best ones.
    Model replay = linear("replay");
    replay.setWeights(before);
    replay.compile(Sgd.builder().learningRate(3f).build(), new MeanSquaredError());
    replay.fit(d[0], d[1], FitOptions.defaults().epochs(best + 1).shuffle(false).verbose(0));
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(
          replay.getWeights().get(i).toFloatArray(),
          model.getWeights().get(i).toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void reduceLrOnPlateauChangesTheRateHistoryRecords() {
    Model model = linear("lr");
    Tensor[] d = regression(32);
    model.compile(Sgd.builder().learningRate(0.1f).build(), new MeanSquaredError());
    ReduceLROnPlateau plateau =
        ReduceLROnPlateau.builder().monitor("loss").patience(0).minDelta(1e9f).factor(0.5f).build();
    History h =
        model.fit(d[0], d[1], FitOptions.defaults().epochs(3).verbose(0).callbacks(plateau));
    // As Keras: the epoch's rate is logged before the callback lowers it; epoch 0 improves on
    // the initial "infinitely bad" value, every later epoch misses the huge minDelta.
    assertEquals(List.of(0.1, 0.1, 0.05), rounded(h.get("learning_rate")));
    assertEquals(0.025, model.trainer().optimizer().learningRate(), 1e-7);
  }

  private static List<Double> rounded(List<Double> values) {
    return values.stream()
        .map(v -> Math.round(v * 1e6) / 1e6)
        .collect(java.util.stream.Collectors.toList());
  }

  @Test
  void checkpointWrittenDuringFitLoadsBack(@TempDir Path dir) throws Exception {
    Model model = linear("ck");
    Tensor[] d = regression(32);
    model.compile(Sgd.builder().learningRate(0.05f).build(), new MeanSquaredError());
    Path file = dir.resolve("best.weights");
    ModelCheckpoint ck =
        ModelCheckpoint.builder(file.toString()).monitor("loss").saveBestOnly(true).build();
    model.fit(
        d[0], d[1], FitOptions.defaults().epochs(4).verbose(0).callbacks(ck, new TerminateOnNaN()));
    assertTrue(Files.exists(file));
    Model loaded = linear("ck2");
    GraftWeights.load(loaded, file);
    // The loss falls every epoch here, so the best checkpoint is the last epoch's weights.
    for (int i = 0; i < model.weights().size(); i++) {
      assertArrayEquals(
          model.getWeights().get(i).toFloatArray(), loaded.getWeights().get(i).toFloatArray(), 0f);
    }
  }
}
