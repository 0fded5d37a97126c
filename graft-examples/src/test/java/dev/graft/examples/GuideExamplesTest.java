package dev.graft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.datasets.Datasets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each guide example's {@code main} and checks the lines it prints, word for word. */
class GuideExamplesTest {
  private static List<String> run(Consumer<String[]> main) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      main.accept(new String[0]);
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void trainableWeightsPrintsTheGuideCounts() {
    assertEquals(
        List.of(
            "weights: 2",
            "trainable_weights: 2",
            "non_trainable_weights: 0",
            "weights: 4",
            "trainable_weights: 2",
            "non_trainable_weights: 2",
            "weights: 2",
            "trainable_weights: 0",
            "non_trainable_weights: 2"),
        run(TrainableWeights::main));
  }

  @Test
  void recursiveTrainableReachesTheInnerModelsLayers() {
    assertEquals(
        List.of("inner_model.trainable: false", "inner_model.layers[0].trainable: false"),
        run(RecursiveTrainable::main));
  }

  @Test
  void frozenWeightsStayFixedDuringATrainingStep() {
    assertEquals(
        List.of(
            "trainable_weights: 2",
            "layer1 weights unchanged: true",
            "layer2 weights unchanged: false"),
        run(FrozenWeightsStayFixed::main));
  }

  @Test
  void frozenLayerFitPrintsProgressThenUnchangedWeights() {
    List<String> lines = run(FrozenLayerFit::main);
    assertEquals("layer1 weights unchanged: true", lines.get(lines.size() - 1));
    // One epoch of one batch: Keras 3's final progress line (redrawn with \r on a terminal).
    String progress = String.join("\n", lines.subList(0, lines.size() - 1));
    assertTrue(
        progress.matches("(?s).*1/1 .*━{20}.* \\d+s.* \\d+(s|ms|us)/step - loss: \\d\\.\\d{4}.*"),
        progress);
  }

  @Test
  void customTrainingLoopPrintsEachStepsLossAndKeepsTheBaseFrozen() {
    List<String> lines = run(CustomTrainingLoop::main);
    assertEquals(9, lines.size(), lines.toString());
    for (int i = 0; i < 8; i++) {
      assertTrue(lines.get(i).matches("step " + i + ": loss \\d+\\.\\d{4}"), lines.get(i));
    }
    assertEquals("frozen weights unchanged: true", lines.get(8));
    double first = Double.parseDouble(lines.get(0).substring(lines.get(0).indexOf("loss ") + 5));
    double last = Double.parseDouble(lines.get(7).substring(lines.get(7).indexOf("loss ") + 5));
    assertTrue(last < first, "the head learns: " + lines);
  }

  @Test
  void dataPipelineSplitsFashionMnistAndWritesBothGrids(@TempDir Path out) throws Exception {
    try {
      Datasets.fashionMnist();
    } catch (UncheckedIOException e) {
      Assumptions.abort("Fashion-MNIST is not installed: " + e.getMessage());
    }
    List<String> lines =
        run(
            args -> {
              try {
                DataPipeline.main(new String[] {out.toString()});
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    // TFDS's slices of 60,000: [:40%], [40%:50%], [50%:60%].
    assertEquals(
        List.of(
            "Number of training samples: 24000",
            "Number of validation samples: 6000",
            "Number of test samples: 6000"),
        lines.subList(0, 3));
    for (String name : List.of("grid.png", "augmented_grid.png")) {
      BufferedImage png = ImageIO.read(out.resolve(name).toFile());
      // 3x3 cells of 56x56 images at scale 3 (168 px), 10 px apart; titles only on grid.png.
      int strip = name.equals("grid.png") ? 22 : 0;
      assertEquals(10 + 3 * (168 + 10), png.getWidth(), name);
      assertEquals(10 + 3 * (strip + 168 + 10), png.getHeight(), name);
    }
  }

  /**
   * The guide's Xception model at a reduced size (8 images, one batch per stage): the parameter
   * counts of Keras's model before and after unfreezing, and one epoch of each stage. ImageNet
   * weights are used only if already cached; the example never downloads here.
   */
  @Test
  void transferLearningPrintsBothSummariesAndTrainsEachStage() {
    try {
      Datasets.fashionMnist();
    } catch (UncheckedIOException e) {
      Assumptions.abort("Fashion-MNIST is not installed: " + e.getMessage());
    }
    List<String> lines =
        run(
            args -> {
              try {
                TransferLearning.main(new String[] {"--images", "8"});
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    List<String> totals =
        lines.stream()
            .filter(l -> l.matches(" (Total|Trainable|Non-trainable) params: .*"))
            .toList();
    assertEquals(
        List.of(
            " Total params: 20,863,529 (79.59 MB)",
            " Trainable params: 2,049 (8.00 KB)",
            " Non-trainable params: 20,861,480 (79.58 MB)",
            " Total params: 20,863,529 (79.59 MB)",
            " Trainable params: 20,809,001 (79.38 MB)",
            " Non-trainable params: 54,528 (213.00 KB)"),
        totals);
    assertTrue(lines.contains("Model: \"transfer_learning\""), lines.toString());
    List<String> progress =
        lines.stream()
            .filter(l -> l.contains("1/1 "))
            .map(l -> l.substring(l.lastIndexOf('\r') + 1))
            .toList();
    assertEquals(2, progress.size(), lines.toString());
    for (String p : progress) {
      assertTrue(p.matches("1/1 ━{20} .* - loss: \\d\\.\\d{4} - binary_accuracy: \\d\\.\\d{4}"), p);
    }
  }
}
