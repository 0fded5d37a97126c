package dev.graft.training;

import static dev.graft.training.TrainingFixtures.blobs;
import static dev.graft.training.TrainingFixtures.classifier;
import static dev.graft.training.TrainingFixtures.same;
import static dev.graft.training.TrainingFixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.MeanSquaredError;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.Optimizer;
import dev.graft.optimizers.RmsProp;
import dev.graft.optimizers.Sgd;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.training.callbacks.Callback;
import dev.graft.training.callbacks.TrainingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FitTest {
  private static final FitOptions QUIET = FitOptions.defaults().verbose(0);

  @Test
  void frozenLayerKeepsItsWeightsThroughFit() {
    // The guide: two layers, the first frozen; fit; layer1's weights are unchanged.
    Dense layer1 = new Dense(Dense.units(3).activation("relu"));
    Dense layer2 = new Dense(Dense.units(3).activation("sigmoid"));
    Sequential model = new Sequential().withInput(3).add(layer1).add(layer2);
    layer1.setTrainable(false);
    List<float[]> initial1 = values(layer1);
    List<float[]> initial2 = values(layer2);
    model.compile(new Adam(1e-3f), new MeanSquaredError());
    Rng rng = new Rng(5);
    model.fit(rng.normal(0, 1, 2, 3), rng.normal(0, 1, 2, 3), FitOptions.defaults().verbose(0));
    assertTrue(same(initial1, values(layer1)));
    assertFalse(same(initial2, values(layer2)));
  }

  @Test
  void evaluateRejectsABatchSizeBelowOne() {
    // A batch size of 0 used to loop forever cutting empty batches.
    Sequential model = new Sequential().withInput(3).add(new Dense(1));
    model.compile(new Adam(1e-3f), new MeanSquaredError());
    Tensor x = Tensor.zeros(4, 3);
    Tensor y = Tensor.zeros(4, 1);
    IllegalArgumentException e =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10),
            () ->
                assertThrows(
                    IllegalArgumentException.class, () -> model.trainer().evaluate(x, y, 0)));
    assertTrue(e.getMessage().startsWith("evaluate: batchSize must be at least 1"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam", "rmsprop"})
  void twoBlobsAreSeparatedByEachOptimizer(String name) {
    Tensor[] train = blobs(256, 11);
    Tensor[] test = blobs(128, 12);
    Optimizer opt =
        switch (name) {
          case "sgd" -> new Sgd(0.1f);
          case "adam" -> new Adam(0.01f);
          default -> new RmsProp(0.01f);
        };
    Sequential model = classifier();
    model.compile(opt, new BinaryCrossentropy(), new TestAccuracy());
    History h = model.fit(train[0], train[1], FitOptions.defaults().epochs(10).verbose(0).seed(4));
    List<Double> loss = h.get("loss");
    assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss should fall: " + loss);
    Map<String, Double> result = model.evaluate(test[0], test[1]);
    assertTrue(result.get("binary_accuracy") >= 0.95, name + ": " + result);
  }

  private static List<Tensor> trainedWeights(long seed) {
    Seeds.setGlobalSeed(99);
    Tensor[] d = blobs(64, 2);
    Sequential model =
        new Sequential()
            .withInput(2)
            .add(new Dense(Dense.units(8).activation("relu")))
            .add(new Dropout(0.3f, 5L))
            .add(new Dense(Dense.units(1).activation("sigmoid")));
    model.compile(new Adam(0.01f), new BinaryCrossentropy());
    model.fit(d[0], d[1], FitOptions.defaults().epochs(3).batchSize(16).verbose(0).seed(seed));
    return model.getWeights();
  }

  @Test
  void sameSeedGivesIdenticalWeights() {
    List<Tensor> a = trainedWeights(7);
    List<Tensor> b = trainedWeights(7);
    List<Tensor> c = trainedWeights(8);
    boolean allSameAsC = true;
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray());
      allSameAsC &= java.util.Arrays.equals(a.get(i).toFloatArray(), c.get(i).toFloatArray());
    }
    assertFalse(allSameAsC, "another shuffling seed should give other weights");
  }

  private static Tensor rows(Tensor t, int from, int to) {
    int[] begin = new int[t.rank()];
    begin[0] = from;
    int[] size = t.shape().dims();
    size[0] = to - from;
    return Ops.slice(t, begin, size);
  }

  private static Sequential seeded() {
    Seeds.setGlobalSeed(123);
    return classifier();
  }

  @Test
  void validationSplitHoldsOutTheLastSamplesBeforeShuffling() {
    Tensor[] d = blobs(10, 6);
    Sequential a = seeded();
    a.compile(new Sgd(0.5f), new BinaryCrossentropy());
    History h =
        a.fit(d[0], d[1], FitOptions.defaults().validationSplit(0.2).batchSize(8).verbose(0));
    // The same step by hand: train on samples 0..7 (one batch; their order does not change a
    // full-batch step), then evaluate on samples 8 and 9.
    Sequential b = seeded();
    b.compile(new Sgd(0.5f), new BinaryCrossentropy());
    Map<String, Double> first = b.trainOnBatch(rows(d[0], 0, 8), rows(d[1], 0, 8));
    for (int i = 0; i < a.weights().size(); i++) {
      assertArrayEquals(
          b.weights().get(i).toFloatArray(), a.weights().get(i).toFloatArray(), 1e-6f);
    }
    assertEquals(first.get("loss"), h.get("loss").get(0), 1e-6);
    Map<String, Double> val = b.evaluate(rows(d[0], 8, 10), rows(d[1], 8, 10));
    assertEquals(val.get("loss"), h.get("val_loss").get(0), 1e-6);
    // floor(3 * 0.5) = 1 sample for training: fine; floor(1 * 0.5) = 0: an error that says why.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.fit(rows(d[0], 0, 1), rows(d[1], 0, 1), QUIET.validationSplit(0.5)));
    assertTrue(e.getMessage().contains("validationSplit"), e.getMessage());
  }

  @Test
  void sampleAndClassWeightsScaleEachSamplesLoss() {
    Tensor[] d = blobs(6, 8);
    Sequential model = seeded();
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    // Per-sample losses by hand from the outputs before the step.
    float[] p = model.predict(d[0]).toFloatArray();
    float[] y = d[1].toFloatArray();
    double[] perSample = new double[6];
    for (int i = 0; i < 6; i++) {
      double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
      perSample[i] = -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
    }
    float[] w = {0.5f, 2f, 1f, 0f, 3f, 1f};
    double expected = 0;
    for (int i = 0; i < 6; i++) {
      expected += w[i] * perSample[i];
    }
    expected /= 6; // Keras: sum over the batch of weighted losses / batch size
    List<Tensor> start = model.getWeights();
    History h =
        model.fit(
            d[0],
            d[1],
            FitOptions.defaults().sampleWeight(Tensor.vector(w)).shuffle(false).verbose(0));
    assertEquals(expected, h.get("loss").get(0), 1e-5);

    model.setWeights(start);
    double expectedByClass = 0;
    for (int i = 0; i < 6; i++) {
      expectedByClass += (y[i] == 1 ? 3.0 : 0.5) * perSample[i];
    }
    expectedByClass /= 6;
    h = model.fit(d[0], d[1], FitOptions.defaults().classWeight(Map.of(0, 0.5, 1, 3.0)).verbose(0));
    assertEquals(expectedByClass, h.get("loss").get(0), 1e-5);

    assertThrows(
        IllegalArgumentException.class,
        () ->
            model.fit(
                d[0],
                d[1],
                FitOptions.defaults()
                    .verbose(0)
                    .classWeight(Map.of(0, 1.0))
                    .sampleWeight(Tensor.vector(w))));
  }

  @Test
  void historyHasLossMetricsValidationAndLearningRatePerEpoch() {
    Tensor[] d = blobs(20, 9);
    Tensor[] v = blobs(6, 10);
    Sequential model = classifier();
    model.compile(new Adam(0.02f), new BinaryCrossentropy(), new TestAccuracy());
    History h =
        model.fit(
            d[0],
            d[1],
            FitOptions.defaults().epochs(3).initialEpoch(1).validationData(v[0], v[1]).verbose(0));
    assertEquals(List.of(1, 2), h.epochs());
    assertEquals(
        List.of("loss", "binary_accuracy", "val_loss", "val_binary_accuracy", "learning_rate"),
        new ArrayList<>(h.history().keySet()));
    for (List<Double> values : h.history().values()) {
      assertEquals(2, values.size());
    }
    assertEquals(0.02, h.get("learning_rate").get(1), 1e-7);
    Map<String, Double> eval = model.evaluate(v[0], v[1]);
    assertEquals(eval.get("loss"), h.get("val_loss").get(1), 1e-9);
    assertEquals(eval.get("binary_accuracy"), h.get("val_binary_accuracy").get(1), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> h.get("accuracy"));
  }

  /** Records the training flag each call receives. */
  private static final class Probe extends Layer {
    final List<Boolean> seen = new ArrayList<>();

    Probe() {
      super(null);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
      seen.add(training);
      return x;
    }
  }

  @Test
  void layersSeeTrainingInFitAndInferenceInEvaluateAndPredict() {
    Probe probe = new Probe();
    BatchNormalization bn = new BatchNormalization();
    Dropout dropout = new Dropout(0.5f, 3L);
    Sequential model =
        new Sequential()
            .withInput(2)
            .add(probe)
            .add(bn)
            .add(dropout)
            .add(new Dense(Dense.units(1).activation("sigmoid")));
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    probe.seen.clear(); // building the model ran it symbolically
    Tensor[] d = blobs(8, 4);
    float[] movingMean = bn.movingMean().toFloatArray();
    model.fit(d[0], d[1], FitOptions.defaults().batchSize(4).verbose(0));
    model.trainOnBatch(d[0], d[1]);
    assertEquals(List.of(true, true, true), probe.seen);
    assertFalse(
        java.util.Arrays.equals(movingMean, bn.movingMean().toFloatArray()),
        "BN updates its moving statistics in fit");

    probe.seen.clear();
    float[] afterFit = bn.movingMean().toFloatArray();
    Tensor p1 = model.predict(d[0]);
    Tensor p2 = model.predict(d[0], 3);
    model.evaluate(d[0], d[1]);
    model.testOnBatch(d[0], d[1]);
    model.predictOnBatch(d[0]);
    assertFalse(probe.seen.contains(true), probe.seen.toString());
    assertArrayEquals(afterFit, bn.movingMean().toFloatArray(), "inference keeps the statistics");
    // Dropout is off: predictions are deterministic and equal the inference call.
    assertArrayEquals(p1.toFloatArray(), p2.toFloatArray(), 1e-6f);
    assertArrayEquals(model.apply(d[0], false).toFloatArray(), p1.toFloatArray(), 1e-6f);
  }

  @Test
  void fitOnBatchesIteratesThemAgainEachEpoch() {
    Tensor[] d = blobs(12, 13);
    List<Batch> batches =
        List.of(
            Batch.of(rows(d[0], 0, 5), rows(d[1], 0, 5)),
            Batch.of(rows(d[0], 5, 12), rows(d[1], 5, 12)));
    int[] iterations = {0};
    Iterable<Batch> once =
        () -> {
          iterations[0]++;
          return batches.iterator();
        };
    Sequential model = classifier();
    model.compile(new Sgd(0.1f), new BinaryCrossentropy(), new TestAccuracy());
    History h = model.fit(once, FitOptions.defaults().epochs(3).verbose(0).validationData(batches));
    assertEquals(3, iterations[0]);
    assertEquals(3, h.get("val_loss").size());
    assertThrows(
        IllegalArgumentException.class,
        () -> model.fit(once, FitOptions.defaults().validationSplit(0.2)));
  }

  @Test
  void aCallbackCanStopTrainingAndSeesTheHooksInOrder() {
    Tensor[] d = blobs(40, 14);
    List<String> events = new ArrayList<>();
    Callback stopper =
        new Callback() {
          private TrainingContext ctx;

          @Override
          public void setContext(TrainingContext context) {
            ctx = context;
            events.add("steps=" + context.stepsPerEpoch() + " epochs=" + context.epochs());
          }

          @Override
          public void onEpochBegin(int epoch, Map<String, Double> logs) {
            events.add("epoch " + epoch);
          }

          @Override
          public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            events.add("batch " + batch);
            if (batch == 1 && ctx.model().trainer().optimizer().iterations() > 5) {
              ctx.stopTraining();
            }
          }

          @Override
          public void onTestEnd(Map<String, Double> logs) {
            events.add("test");
          }
        };
    Sequential model = classifier();
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    History h =
        model.fit(
            d[0],
            d[1],
            FitOptions.defaults()
                .batchSize(10)
                .epochs(5)
                .validationSplit(0.25)
                .callbacks(stopper)
                .verbose(0));
    assertEquals(
        List.of(
            "steps=3 epochs=5",
            "epoch 0",
            "batch 0",
            "batch 1",
            "batch 2",
            "test",
            "epoch 1",
            "batch 0",
            "batch 1",
            "batch 2",
            "test",
            "epoch 2",
            "batch 0",
            "batch 1",
            "test"),
        events);
    assertEquals(List.of(0, 1, 2), h.epochs());
  }

  @Test
  void predictConcatenatesBatchesInOrder() {
    Tensor[] d = blobs(70, 15);
    Sequential model = classifier();
    Tensor all = model.apply(d[0], false);
    Tensor batched = model.predict(d[0], 32);
    assertArrayEquals(new int[] {70, 1}, batched.shape().dims());
    assertArrayEquals(all.toFloatArray(), batched.toFloatArray(), 1e-6f);
  }
}
