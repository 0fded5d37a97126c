package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.layers.activation.ReLU;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.DepthwiseConv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.merging.Add;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code small_functional} and {@code small_sequential} from {@code shared/golden/}, built in Java
 * as the README and each {@code model_config.json} describe, with formula weights: outputs in
 * inference and training mode, the moving statistics after one training call, and the gradients of
 * the loss, each to 1e-5 of what Keras 3 wrote; and the weight counts of {@code info.json}.
 *
 * <p>Run with {@code -Dgraft.golden.report=true} to print the largest error of each comparison.
 */
class GoldenSmallModelsTest {
  private static final double TOLERANCE = 1e-5;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The functional model; {@code dropoutRate} 0 gives Keras's "dropout off" training runs. */
  static Model smallFunctional(float dropoutRate) {
    KerasTensor img = Input.named("img", 16, 16, 3);
    KerasTensor x = new Rescaling(1f / 127.5f, -1f, "rescale").apply(img);
    x =
        new Conv2D(Conv2D.filters(8, 3).strides(2).padding("same").useBias(false).name("conv"))
            .apply(x);
    x = new BatchNormalization(BatchNormalization.defaults().name("bn")).apply(x);
    KerasTensor relu6 = new ReLU(ReLU.options().maxValue(6f).name("relu6")).apply(x);
    KerasTensor sep =
        new SeparableConv2D(SeparableConv2D.filters(8, 3).padding("same").name("sep")).apply(relu6);
    sep = new BatchNormalization(BatchNormalization.defaults().name("sep_bn")).apply(sep);
    x = new Add("add").applySymbolic(List.of(relu6, sep), null).get(0);
    x = new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(2).name("dw")).apply(x);
    x = new Activation("relu", "relu").apply(x);
    x = new MaxPooling2D(MaxPooling2D.poolSize(2).name("pool")).apply(x);
    x = new Conv2D(Conv2D.filters(6, 1).name("pw")).apply(x);
    x = new GlobalAveragePooling2D("gap").apply(x);
    x = new Dropout(dropoutRate, 1L, "drop").apply(x);
    KerasTensor out = new Dense(Dense.units(3).name("dense")).apply(x);
    return new Model(img, out, "small_functional");
  }

  static Sequential smallSequential() {
    return new Sequential("small_sequential")
        .withInput(12, 12, 1)
        .add(new Conv2D(Conv2D.filters(4, 3).activation("relu").name("c1")))
        .add(new BatchNormalization(BatchNormalization.defaults().name("bn1")))
        .add(new MaxPooling2D(MaxPooling2D.poolSize(2).name("mp")))
        .add(new Flatten("flat"))
        .add(new Dense(Dense.units(5).activation("relu").name("d1")))
        .add(new Dense(Dense.units(2).activation("softmax").name("d2")));
  }

  /** A model of the folder with its formula weights; Dropout at the given rate. */
  private static Model model(String folder, float dropoutRate) throws IOException {
    Model m = folder.equals("small_functional") ? smallFunctional(dropoutRate) : smallSequential();
    FormulaWeights.assign(m.weights(), FormulaWeights.manifest(SharedGolden.require(folder)));
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void weightCountsEqualInfo(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    JsonNode counts = JSON.readTree(dir.resolve("info.json").toFile()).get("counts");
    Model m = model(folder, 0.3f);
    assertEquals(counts.get("count_params").asLong(), m.countParams());
    assertEquals(counts.get("trainable").asLong(), size(m.trainableWeights()));
    assertEquals(counts.get("non_trainable").asLong(), size(m.nonTrainableWeights()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void inferenceOutput(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    Model m = model(folder, 0.3f);
    List<Tensor> before = m.getWeights();
    Tensor out = m.apply(Npy.read(dir.resolve("input.npy")), false);
    check(folder + "/out_inference.npy", Npy.read(dir.resolve("out_inference.npy")), out);
    List<Tensor> after = m.getWeights();
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(
          before.get(i).toFloatArray(), after.get(i).toFloatArray(), "inference changed a weight");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void trainingOutputAndMovingStatistics(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    Model m = model(folder, 0f);
    List<FormulaWeights.Entry> manifest = FormulaWeights.manifest(dir);
    Tensor out = m.apply(Npy.read(dir.resolve("input.npy")), true);
    check(
        folder + "/out_training_dropout_off.npy",
        Npy.read(dir.resolve("out_training_dropout_off.npy")),
        out);
    int compared = 0;
    List<Variable> weights = m.weights();
    for (int i = 0; i < weights.size(); i++) {
      String path = manifest.get(i).path();
      if (path.endsWith("/moving_mean") || path.endsWith("/moving_variance")) {
        String file = "after_one_training_call_moving_stats/" + path.replace("/", "__") + ".npy";
        check(folder + "/" + file, Npy.read(dir.resolve(file)), weights.get(i));
        compared++;
      }
    }
    assertTrue(compared > 0, "no moving statistics found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void gradientsOfTheLoss(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    JsonNode info = JSON.readTree(dir.resolve("info.json").toFile());
    boolean fromLogits = folder.equals("small_functional");
    Model m = model(folder, 0f);
    List<FormulaWeights.Entry> manifest = FormulaWeights.manifest(dir);
    Tensor x = Npy.read(dir.resolve("input.npy"));
    Tensor labels = Npy.read(dir.resolve("labels.npy"));
    List<Variable> trainable = m.trainableWeights();
    List<Tensor> grads;
    Tensor loss;
    try (GradientTape tape = GradientTape.open()) {
      loss = sparseCategoricalCrossentropy(labels, m.apply(x, true), fromLogits);
      grads = tape.gradient(loss, new ArrayList<>(trainable));
    }
    check(
        folder + "/info.json loss_training_dropout_off",
        Tensor.scalar((float) info.get("loss_training_dropout_off").asDouble()),
        loss);
    List<Variable> all = m.weights();
    for (int i = 0; i < trainable.size(); i++) {
      FormulaWeights.Entry e = manifest.get(all.indexOf(trainable.get(i)));
      String file = "grads/" + e.path().replace("/", "__") + ".npy";
      check(folder + "/" + file, Npy.read(dir.resolve(file)), grads.get(i));
    }
  }

  /**
   * The mean over the batch of {@code -log p[label]}, as Keras 3's SparseCategoricalCrossentropy:
   * from logits through log-softmax; from probabilities after renormalizing and clipping to {@code
   * [1e-7, 1 - 1e-7]}.
   */
  static Tensor sparseCategoricalCrossentropy(Tensor labels, Tensor output, boolean fromLogits) {
    Tensor logProb;
    if (fromLogits) {
      logProb = Ops.logSoftmax(output, -1);
    } else {
      Tensor p = Ops.div(output, Ops.sum(output, true, -1));
      logProb = Ops.log(Ops.clip(p, 1e-7f, 1f - 1e-7f));
    }
    Tensor target = Ops.oneHot(labels, output.shape().dim(-1));
    return Ops.neg(Ops.mean(Ops.sum(Ops.mul(target, logProb), false, -1)));
  }

  private static long size(List<Variable> vs) {
    long n = 0;
    for (Variable v : vs) {
      n += v.size();
    }
    return n;
  }

  private static void check(String what, Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + " shape");
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    double max = 0;
    for (int i = 0; i < e.length; i++) {
      max = Math.max(max, Math.abs((double) e[i] - a[i]));
    }
    if (Boolean.getBoolean("graft.golden.report")) {
      System.out.printf("golden %-70s max abs error %.3g%n", what, max);
    }
    assertTrue(max <= TOLERANCE, what + ": max abs error " + max + " > " + TOLERANCE);
  }
}
