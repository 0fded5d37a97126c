package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Tensor;
import dev.graft.training.FitOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transfer models reuse the first blocks of the pretrained base and add new ones after them.
 */
class PartialTransferTest {
  private static final List<Integer> WIDTHS = List.of(4, 6, 8);

  @Test
  void firstBlocksCopiesTheWeightsOfTheBlocksItKeeps() {
    Seeds.setGlobalSeed(5);
    Model base = CompactBase.build(WIDTHS);
    Model part = CompactBase.firstBlocks(base, WIDTHS, 2);
    assertArrayEquals(new int[] {-1, 14, 14, 6}, part.outputs().get(0).shape());
    List<String> kept = new ArrayList<>();
    for (Layer layer : part.layers()) {
      if (!layer.getWeights().isEmpty()) {
        kept.add(layer.name());
        List<Tensor> mine = layer.getWeights();
        List<Tensor> theirs = base.getLayer(layer.name()).getWeights();
        for (int i = 0; i < mine.size(); i++) {
          assertArrayEquals(theirs.get(i).toFloatArray(), mine.get(i).toFloatArray(), layer.name());
        }
      }
    }
    assertEquals(List.of("block1_conv", "block1_bn", "block2_conv", "block2_bn"), kept);
  }

  @Test
  void scratchAndTransferModelsHaveTheSameShape() {
    Model scratch = around(CompactBase.build(WIDTHS.subList(0, 2)), false);
    Model transfer = around(CompactBase.firstBlocks(CompactBase.build(WIDTHS), WIDTHS, 2), true);
    assertEquals(shapes(scratch.weights()), shapes(transfer.weights()));
    assertEquals(scratch.countParams(), transfer.countParams());
  }

  @Test
  void featureExtractionTrainsTheNewBlockAndLeavesThePretrainedPartInInferenceMode() {
    Seeds.setGlobalSeed(9);
    Model base = CompactBase.firstBlocks(CompactBase.build(WIDTHS), WIDTHS, 2);
    Model model = around(base, true);
    base.setTrainable(false);
    List<String> trainable = new ArrayList<>();
    for (Variable v : model.trainableWeights()) {
      trainable.add(v.name());
    }
    // The new block's kernel, gamma and beta, then the Dense kernel and bias.
    assertEquals(5, trainable.size(), trainable.toString());
    List<Tensor> baseBefore = base.getWeights();
    Tensor newBnBefore = model.getLayer("new_block3_bn").getWeights().get(2);

    Random r = new Random(1);
    float[] pixels = new float[10 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = r.nextInt(256);
    }
    float[] labels = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
    model.compile(new Adam(1e-2f), new SparseCategoricalCrossentropy(true), "accuracy");
    model.fit(
        Tensor.of(pixels, 10, 28, 28, 1),
        Tensor.of(labels, 10),
        FitOptions.defaults().epochs(2).batchSize(10).verbose(0));

    List<Tensor> baseAfter = base.getWeights();
    for (int i = 0; i < baseBefore.size(); i++) {
      // Frozen weights and, with training=false, BatchNormalization's moving statistics.
      assertArrayEquals(baseBefore.get(i).toFloatArray(), baseAfter.get(i).toFloatArray());
    }
    float[] newBnAfter = model.getLayer("new_block3_bn").getWeights().get(2).toFloatArray();
    assertFalse(
        Arrays.equals(newBnBefore.toFloatArray(), newBnAfter),
        "the new block's BatchNormalization runs in training mode and updates its moving mean");
  }

  private static Model around(Model base, boolean inference) {
    return Classifier.around(base, inference, WIDTHS.subList(2, 3), 3, TransferData.CLASSES, 0.1);
  }

  private static List<List<Integer>> shapes(List<Variable> vars) {
    List<List<Integer>> out = new ArrayList<>();
    for (Variable v : vars) {
      out.add(Arrays.stream(v.shape().dims()).boxed().toList());
    }
    return out;
  }
}
