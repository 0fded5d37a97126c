package dev.graft.training;

import static dev.graft.training.TrainingFixtures.blobs;
import static dev.graft.training.TrainingFixtures.same;
import static dev.graft.training.TrainingFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.core.Dense;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Sgd;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compile() captures the trainable weights; changes take effect only after the next compile. */
class CompileTest {
  private final Tensor[] data = blobs(16, 3);
  private final Dense layer1 = new Dense(Dense.units(4).activation("relu"));
  private final Dense layer2 = new Dense(Dense.units(1).activation("sigmoid"));
  private final Sequential model = new Sequential().withInput(2).add(layer1).add(layer2);

  private void fitOnce() {
    model.fit(data[0], data[1], FitOptions.defaults().verbose(0).seed(1));
  }

  @Test
  void freezingWithoutRecompilingKeepsTrainingTheCapturedSetAndWarnsOnce() {
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    assertEquals(4, model.trainer().compiledTrainableWeights().size());
    layer1.setTrainable(false);
    List<float[]> before = values(layer1);
    try (TrainingFixtures.LogCapture log = new TrainingFixtures.LogCapture()) {
      fitOnce();
      assertFalse(same(before, values(layer1)), "the captured (old) set must keep training");
      fitOnce();
      model.trainOnBatch(data[0], data[1]);
      assertEquals(1, log.messages.size(), "one warning: " + log.messages);
      assertTrue(log.messages.get(0).contains("compile()"), log.messages.get(0));
    }
  }

  @Test
  void recompilingMakesTheNewSetTrain() {
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    layer1.setTrainable(false);
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    assertEquals(2, model.trainer().compiledTrainableWeights().size());
    List<float[]> before1 = values(layer1);
    List<float[]> before2 = values(layer2);
    try (TrainingFixtures.LogCapture log = new TrainingFixtures.LogCapture()) {
      fitOnce();
      assertTrue(log.messages.isEmpty(), "no warning after recompiling: " + log.messages);
    }
    assertTrue(same(before1, values(layer1)), "frozen after recompile");
    assertFalse(same(before2, values(layer2)));
  }

  @Test
  void unfreezingWithoutRecompilingDoesNotTrainTheUnfrozenLayer() {
    layer1.setTrainable(false);
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    layer1.setTrainable(true);
    List<float[]> before = values(layer1);
    try (TrainingFixtures.LogCapture log = new TrainingFixtures.LogCapture()) {
      fitOnce();
      assertEquals(1, log.messages.size(), log.messages.toString());
    }
    assertTrue(same(before, values(layer1)));
    model.compile(new Sgd(0.1f), new BinaryCrossentropy());
    fitOnce();
    assertFalse(same(before, values(layer1)));
  }

  @Test
  void trainingBeforeCompileSaysWhatToDo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, this::fitOnce);
    assertTrue(e.getMessage().contains("compile("), e.getMessage());
    assertThrows(IllegalStateException.class, () -> model.evaluate(data[0], data[1]));
    // predict needs no compile.
    assertEquals(16, model.predict(data[0]).shape().dim(0));
  }
}
