package dev.graft.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.io.Npy;
import dev.graft.tensor.Tensor;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The losses Keras recorded in the golden folders, recomputed from the saved outputs and labels.
 */
class GoldenLossTest {

  @Test
  void smallFunctionalSparseCategoricalFromLogits() throws IOException {
    check("small_functional", new SparseCategoricalCrossentropy(true), "loss_training_dropout_off");
  }

  @Test
  void smallSequentialSparseCategoricalOnSoftmaxOutputs() throws IOException {
    check("small_sequential", new SparseCategoricalCrossentropy(), "loss_training_dropout_off");
  }

  @Test
  void transferMobileNetBinaryFromLogits() throws IOException {
    Path folder = SharedGolden.require("transfer_mobilenetv2");
    Tensor labels = Npy.read(folder.resolve("labels.npy"));
    Tensor logits = Npy.read(folder.resolve("out_training_dropout_off.npy"));
    double expected = info(folder).get("frozen_loss").asDouble();
    float got = new BinaryCrossentropy(true).call(labels, logits).item();
    report("transfer_mobilenetv2", expected, got);
    assertEquals(expected, got, 1e-6);
  }

  @Test
  void transferMobileNetSeedBinaryFromLogits() throws IOException {
    Path folder = SharedGolden.require("transfer_mobilenetv2_seed");
    Tensor labels = Npy.read(folder.resolve("labels.npy"));
    Tensor logits = Npy.read(folder.resolve("out_training_unfrozen_seed.npy"));
    double expected = info(folder).get("unfrozen_seed_loss").asDouble();
    float got = new BinaryCrossentropy(true).call(labels, logits).item();
    report("transfer_mobilenetv2_seed", expected, got);
    assertEquals(expected, got, 1e-6);
  }

  private static void check(String name, Loss loss, String key) throws IOException {
    Path folder = SharedGolden.require(name);
    Tensor labels = Npy.read(folder.resolve("labels.npy"));
    Tensor out = Npy.read(folder.resolve("out_training_dropout_off.npy"));
    double expected = info(folder).get(key).asDouble();
    float got = loss.call(labels, out).item();
    report(name, expected, got);
    assertEquals(expected, got, 1e-6);
  }

  private static JsonNode info(Path folder) throws IOException {
    return new ObjectMapper().readTree(folder.resolve("info.json").toFile());
  }

  private static void report(String name, double expected, float got) {
    System.out.printf(
        "golden %s loss: Keras %.9f graft %.9f (|diff| %.3g)%n",
        name, expected, got, Math.abs(expected - got));
  }
}
