package dev.graft.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.FormulaWeights.Entry;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One optimizer step from the golden folders' initial weights and recorded gradients, against the
 * weights Keras 3 wrote after the same step.
 */
class GoldenOptimizerStepTest {

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential", "transfer_mobilenetv2_seed"})
  void formulaWeightsMatchTheManifest(String name) throws IOException {
    Path folder = SharedGolden.require(name);
    for (Entry e : FormulaWeights.manifest(folder)) {
      float[] v = FormulaWeights.initial(folder, e).toFloatArray();
      double sum = 0;
      for (float x : v) {
        sum += x;
      }
      assertEquals(e.sum(), sum, 1e-9 * Math.max(1, v.length), e.path() + " sum");
      for (int i = 0; i < e.first().length; i++) {
        assertEquals((float) e.first()[i], v[i], e.path() + " first[" + i + "]");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void oneSgdStepMatchesKeras(String name) throws IOException {
    Path folder = SharedGolden.require(name);
    Step step = step(folder, "grads");
    new Sgd(0.1f).applyGradients(step.grads, step.vars);
    double err = maxAbsError(step, folder.resolve("after_sgd_lr0.1"));
    System.out.printf("golden %s SGD(lr 0.1) step: max abs error %.3g%n", name, err);
    assertTrue(err <= 1e-6, name + ": max abs error " + err);
  }

  @org.junit.jupiter.api.Test
  void oneRmsPropStepMatchesKerasOnTheUnfrozenMobileNet() throws IOException {
    Path folder = SharedGolden.require("transfer_mobilenetv2_seed");
    Step step = step(folder, "grads_unfrozen_seed");
    assertEquals(158, step.vars.size());
    RmsProp opt =
        RmsProp.builder().learningRate(1e-5f).rho(0.9f).momentum(0f).epsilon(1e-7f).build();
    opt.applyGradients(step.grads, step.vars);
    Path after = folder.resolve("after_unfrozen_rmsprop_1step_seed");
    double err = maxAbsError(step, after);
    System.out.printf("golden transfer_mobilenetv2_seed RMSprop step: max abs error %.3g%n", err);
    assertTrue(err <= 1e-6, "max abs error " + err);
    // The variables without gradients (BN moving statistics) are stored unchanged.
    for (Entry e : step.frozen) {
      float[] expected = Npy.read(after.resolve(e.fileName())).toFloatArray();
      float[] initial = FormulaWeights.initial(folder, e).toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(initial[i], expected[i], 0f, e.path());
      }
    }
  }

  /**
   * {@code after_adam_lr0.01_2steps/} holds only the weights after two Adam steps; the second
   * step's gradients need the model's forward pass, which the layers work will provide. What the
   * files allow now: one exact Adam step from {@code grads/}, then the bound every second Adam step
   * obeys: with bias correction at t = 2 the update is at most {@code lr * 1.0014} per element
   * (Cauchy-Schwarz over the two moment averages), so Keras's result must lie that close to ours.
   */
  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void adamTwoStepGoldenIsWithinOneBoundedStepOfOurFirstStep(String name) throws IOException {
    Path folder = SharedGolden.require(name);
    Step step = step(folder, "grads");
    new Adam(0.01f).applyGradients(step.grads, step.vars);
    Path after = folder.resolve("after_adam_lr0.01_2steps");
    double worst = 0;
    for (int i = 0; i < step.vars.size(); i++) {
      float[] ours = step.vars.get(i).toFloatArray();
      float[] keras = Npy.read(after.resolve(step.trainable.get(i).fileName())).toFloatArray();
      for (int j = 0; j < ours.length; j++) {
        worst = Math.max(worst, Math.abs((double) ours[j] - keras[j]));
      }
    }
    System.out.printf("golden %s Adam: |2-step Keras - our 1st step| max %.4g%n", name, worst);
    assertTrue(worst <= 0.01 * 1.0014 + 1e-6, name + ": second step would be " + worst);
  }

  private static final class Step {
    final List<Entry> trainable = new ArrayList<>();
    final List<Entry> frozen = new ArrayList<>();
    final List<Variable> vars = new ArrayList<>();
    final List<Tensor> grads = new ArrayList<>();
  }

  /** The trainable variables at their initial values with the gradients in {@code gradDir}. */
  private static Step step(Path folder, String gradDir) throws IOException {
    Step s = new Step();
    for (Entry e : FormulaWeights.manifest(folder)) {
      Path g = folder.resolve(gradDir).resolve(e.fileName());
      if (!e.trainable()) {
        assertTrue(Files.notExists(g), "a gradient for the non-trainable " + e.path());
        s.frozen.add(e);
        continue;
      }
      s.trainable.add(e);
      s.vars.add(new Variable(e.path(), FormulaWeights.initial(folder, e)));
      s.grads.add(Npy.read(g));
    }
    return s;
  }

  private static double maxAbsError(Step step, Path after) throws IOException {
    double worst = 0;
    for (int i = 0; i < step.vars.size(); i++) {
      float[] ours = step.vars.get(i).toFloatArray();
      float[] keras = Npy.read(after.resolve(step.trainable.get(i).fileName())).toFloatArray();
      assertEquals(keras.length, ours.length, step.trainable.get(i).path());
      for (int j = 0; j < ours.length; j++) {
        worst = Math.max(worst, Math.abs((double) ours[j] - keras[j]));
      }
    }
    return worst;
  }
}
