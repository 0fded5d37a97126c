package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.RmsProp;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transfer-learning recipe of {@code shared/golden/transfer_mobilenetv2/} (frozen base) and
 * {@code transfer_mobilenetv2_seed/} (unfrozen base kept in inference mode, the semantics of the
 * Keras transfer-learning guide), with the application's MobileNetV2 as the base: counts, outputs,
 * gradients (each to 1e-4 of the tensor's largest magnitude), and the weights after Keras's
 * optimizer steps (the updates to 1e-3 of the largest update; BN moving statistics exactly
 * unchanged).
 */
class TransferMobileNetV2GoldenTest {
  private static final double TOLERANCE = 1e-4;
  private static final double UPDATE_TOLERANCE = 1e-3;

  /**
   * For gradients upstream of a ReLU input at a kink: one flipped mask element moved the worst of
   * them by 2% (block_12_depthwise_relu, vector kernels, see {@link ReluKinks}).
   */
  private static final double KINK_TOLERANCE = 5e-2;

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  /** The recipe; {@code dropoutRate} 0 gives the golden training computations. */
  private static Model transfer(ApplicationModel base, float dropoutRate) {
    KerasTensor in = Input.named("image_0_255", 96, 96, 3);
    KerasTensor x = new Rescaling(1f / 127.5f, -1f, "rescale").apply(in);
    x = base.apply(x, false);
    x = new GlobalAveragePooling2D("gap").apply(x);
    x = new Dropout(dropoutRate, 1L, "drop").apply(x);
    return new Model(in, new Dense(Dense.units(1).name("logit")).apply(x), "transfer");
  }

  /** The recipe with the golden initial weights and the base frozen or not. */
  private static Model model(String folder, float dropoutRate, boolean baseTrainable)
      throws IOException {
    Path dir = SharedGolden.require(folder);
    ApplicationModel base = MobileNetV2GoldenTest.base();
    Model m = transfer(base, dropoutRate);
    GoldenCompare.assignInitial(m.weights(), dir, FormulaWeights.manifest(dir));
    base.setTrainable(baseTrainable);
    return m;
  }

  /** The base inside a transfer model. */
  private static ApplicationModel baseOf(Model m) {
    return (ApplicationModel) m.getLayer("mobilenetv2_0.35_96");
  }

  /**
   * Whether the gradient of {@code v} may differ from Keras's through a ReLU input at a kink (see
   * {@link ReluKinks}): it belongs to a base layer at or before the last such ReLU.
   */
  private static boolean upstreamOfKink(Model m, Variable v, int lastKink) {
    ApplicationModel base = baseOf(m);
    String layer = v.name().substring(0, v.name().indexOf('/'));
    for (int i = 0; i < base.layers().size(); i++) {
      if (base.layers().get(i).name().equals(layer)) {
        return i <= lastKink;
      }
    }
    return false;
  }

  private static int lastKink(Model m, Tensor x0255) {
    return ReluKinks.lastNearKink(baseOf(m), new Rescaling(1f / 127.5f, -1f).apply(x0255));
  }

  @Test
  void countsFrozenAndUnfrozen() throws IOException {
    Model frozen = model("transfer_mobilenetv2", 0.2f, false);
    ApplicationCountsTest.assertCounts(frozen, 411_489, 1_281, 410_208);
    Model unfrozen = model("transfer_mobilenetv2_seed", 0.2f, true);
    ApplicationCountsTest.assertCounts(unfrozen, 411_489, 397_409, 14_080);
    assertEquals(158, unfrozen.trainableWeights().size());
  }

  @Test
  void frozenOutputsAndGradients() throws IOException {
    Path dir = SharedGolden.require("transfer_mobilenetv2");
    Tensor x = Npy.read(dir.resolve("input_0_255.npy"));
    Tensor labels = Npy.read(dir.resolve("labels.npy"));
    Model m = model("transfer_mobilenetv2", 0.2f, false);
    GoldenCompare.assertClose(
        "transfer_mobilenetv2/out_inference.npy",
        Npy.read(dir.resolve("out_inference.npy")),
        m.apply(x, false),
        TOLERANCE);
    Model off = model("transfer_mobilenetv2", 0f, false);
    checkGradients(dir, off, x, labels, "out_training_dropout_off.npy", "grads_frozen", -1);
  }

  @Test
  void frozenTwoAdamStepsMoveOnlyTheHead() throws IOException {
    Path dir = SharedGolden.require("transfer_mobilenetv2");
    JsonNode losses =
        JSON.readTree(dir.resolve("info.json").toFile()).get("frozen_train_on_batch_losses");
    Model m = model("transfer_mobilenetv2", 0f, false);
    m.compile(new Adam(1e-3f), new BinaryCrossentropy(true));
    List<Tensor> before = m.getWeights();
    Tensor x = Npy.read(dir.resolve("input_0_255.npy"));
    Tensor y = Npy.read(dir.resolve("labels.npy"));
    for (int step = 0; step < 2; step++) {
      double loss = m.trainOnBatch(x, y).get("loss");
      assertEquals(losses.get(step).asDouble(), loss, 1e-5, "loss of step " + (step + 1));
    }
    checkAfter(dir, "after_frozen_adam_2steps", m, before, -1, 0);
  }

  @Test
  void unfrozenSeedOutputsAndGradients() throws IOException {
    Path dir = SharedGolden.require("transfer_mobilenetv2_seed");
    Tensor x = Npy.read(dir.resolve("input_0_255.npy"));
    Tensor labels = Npy.read(dir.resolve("labels.npy"));
    Model m = model("transfer_mobilenetv2_seed", 0f, true);
    checkGradients(
        dir, m, x, labels, "out_training_unfrozen_seed.npy", "grads_unfrozen_seed", lastKink(m, x));
  }

  @Test
  void unfrozenSeedOneRmsPropStep() throws IOException {
    Path dir = SharedGolden.require("transfer_mobilenetv2_seed");
    JsonNode info = JSON.readTree(dir.resolve("info.json").toFile());
    Model m = model("transfer_mobilenetv2_seed", 0f, true);
    m.compile(
        RmsProp.builder().learningRate(1e-5f).rho(0.9f).momentum(0f).epsilon(1e-7f).build(),
        new BinaryCrossentropy(true));
    List<Tensor> before = m.getWeights();
    Tensor x = Npy.read(dir.resolve("input_0_255.npy"));
    int lastKink = lastKink(m, x);
    double loss = m.trainOnBatch(x, Npy.read(dir.resolve("labels.npy"))).get("loss");
    assertEquals(info.get("unfrozen_seed_loss").asDouble(), loss, 1e-5);
    checkAfter(dir, "after_unfrozen_rmsprop_1step_seed", m, before, lastKink, 1e-5);
  }

  /**
   * The training-mode forward pass (Dropout off) and the gradient of the mean binary cross-entropy
   * for every trainable weight, against {@code outFile} and the files of {@code gradsFolder}.
   */
  private static void checkGradients(
      Path dir, Model m, Tensor x, Tensor labels, String outFile, String gradsFolder, int lastKink)
      throws IOException {
    List<Variable> trainable = m.trainableWeights();
    Tensor logits;
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      logits = m.apply(x, true);
      grads =
          tape.gradient(
              new BinaryCrossentropy(true).call(labels, logits), new ArrayList<>(trainable));
    }
    String folder = dir.getFileName().toString();
    GoldenCompare.assertClose(
        folder + "/" + outFile, Npy.read(dir.resolve(outFile)), logits, TOLERANCE);
    double worst = 0;
    double kinked = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      String name = trainable.get(i).name();
      Tensor expected =
          Npy.read(dir.resolve(gradsFolder).resolve(name.replace("/", "__") + ".npy"));
      assertArrayEquals(expected.shape().dims(), grads.get(i).shape().dims(), name);
      double rel =
          GoldenCompare.relativeError(expected.toFloatArray(), grads.get(i).toFloatArray());
      if (Boolean.getBoolean("graft.golden.report")) {
        System.out.printf("  %-40s max error / max |expected| = %.3g%n", name, rel);
      }
      if (upstreamOfKink(m, trainable.get(i), lastKink)) {
        kinked = Math.max(kinked, rel);
        if (rel > KINK_TOLERANCE) {
          failures.add(name + " " + rel + " (upstream of a ReLU kink)");
        }
        continue;
      }
      worst = Math.max(worst, rel);
      if (rel > TOLERANCE) {
        failures.add(name + " " + rel);
      }
    }
    System.out.printf(
        "golden %s/%s: %d gradients, worst max error / max |expected| %.3g (%.3g upstream of a"
            + " ReLU kink)%n",
        folder, gradsFolder, trainable.size(), worst, kinked);
    assertTrue(failures.isEmpty(), "gradients beyond " + TOLERANCE + ": " + failures);
  }

  /**
   * Every weight after the optimizer steps. Where Keras changed it: for Adam, our update (after -
   * before) within {@link #UPDATE_TOLERANCE} of Keras's largest update; for one RMSprop step, see
   * {@link #checkRmsPropStep}. Elsewhere (the BN moving statistics and, when frozen, the whole
   * base) exactly unchanged; folders that store only the changed weights imply the others did not
   * change.
   */
  private static void checkAfter(
      Path dir, String afterFolder, Model m, List<Tensor> before, int lastKink, double rmsPropLr)
      throws IOException {
    List<FormulaWeights.Entry> manifest = FormulaWeights.manifest(dir);
    List<Variable> weights = m.weights();
    int updated = 0;
    double worst = 0;
    for (int i = 0; i < weights.size(); i++) {
      FormulaWeights.Entry e = manifest.get(i);
      float[] start = before.get(i).toFloatArray();
      float[] ours = weights.get(i).toFloatArray();
      Path file = dir.resolve(afterFolder).resolve(e.fileName());
      float[] keras = java.nio.file.Files.exists(file) ? Npy.read(file).toFloatArray() : start;
      float[] kerasDelta = new float[start.length];
      float[] ourDelta = new float[start.length];
      boolean kerasMoved = false;
      for (int k = 0; k < start.length; k++) {
        kerasDelta[k] = keras[k] - start[k];
        ourDelta[k] = ours[k] - start[k];
        kerasMoved |= keras[k] != start[k];
      }
      if (!kerasMoved) {
        assertArrayEquals(start, ours, e.path() + " must not change");
        continue;
      }
      updated++;
      if (rmsPropLr > 0) {
        double tolerance = upstreamOfKink(m, weights.get(i), lastKink) ? KINK_TOLERANCE : TOLERANCE;
        Tensor g = Npy.read(dir.resolve("grads_unfrozen_seed").resolve(e.fileName()));
        checkRmsPropStep(e.path(), g.toFloatArray(), tolerance, start, ourDelta, rmsPropLr);
        continue;
      }
      double rel = GoldenCompare.relativeError(kerasDelta, ourDelta);
      worst = Math.max(worst, rel);
      assertTrue(rel <= UPDATE_TOLERANCE, e.path() + ": update error / max |update| = " + rel);
    }
    System.out.printf(
        "golden %s: %d weights updated, %s%n",
        afterFolder,
        updated,
        rmsPropLr > 0
            ? "each update within the RMSprop step of Keras's gradient +- the gradient tolerance"
            : String.format("worst update error / max |update| %.3g", worst));
    assertTrue(updated > 0, "no weight moved in " + afterFolder);
  }

  /**
   * One RMSprop step from zero state (rho 0.9, epsilon 1e-7, Keras's formula) moves each weight by
   * {@code -f(g)}, {@code f(g) = lr g / sqrt(0.1 g^2 + eps)}, increasing in {@code g} and nearly
   * flat away from 0, so it turns gradient noise near 0 into large relative update differences. The
   * check propagates the gradient tolerance instead: our update must lie between {@code -f(g + t)}
   * and {@code -f(g - t)}, with {@code g} Keras's gradient and {@code t = tolerance * max |g|} (the
   * tolerance our gradients were held to), give or take the float32 rounding of the weight.
   */
  private static void checkRmsPropStep(
      String what,
      float[] kerasGrad,
      double tolerance,
      float[] start,
      float[] ourDelta,
      double lr) {
    double maxG = 0;
    for (float g : kerasGrad) {
      maxG = Math.max(maxG, Math.abs(g));
    }
    double t = tolerance * maxG;
    for (int k = 0; k < ourDelta.length; k++) {
      // The stored weight is rounded to float32: an update is known to an ulp of the weight.
      double slack = 1e-4 * lr + 2 * Math.ulp(Math.abs(start[k]) + 4 * (float) lr);
      double lo = -rmsPropStep(kerasGrad[k] + t, lr) - slack;
      double hi = -rmsPropStep(kerasGrad[k] - t, lr) + slack;
      assertTrue(
          ourDelta[k] >= lo && ourDelta[k] <= hi,
          what + "[" + k + "]: update " + ourDelta[k] + " outside [" + lo + ", " + hi + "]");
    }
  }

  private static double rmsPropStep(double g, double lr) {
    return lr * g / Math.sqrt(0.1 * g * g + 1e-7);
  }
}
