package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.EfficientNetB0;
import dev.graft.applications.MobileNetV2;
import dev.graft.applications.ResNet50;
import dev.graft.applications.Xception;
import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dropout;
import dev.graft.models.Model;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application models through their Keras config: {@code toJson}, {@code fromJson}, and the
 * rebuilt model has the same layer names and types in the same order, the same parameter counts
 * (trainable and not), writes the same JSON again and, given the same weights, computes the same
 * inference output. Small inputs keep it fast; no weights are fetched ({@code weights = null}).
 */
class ApplicationConfigRoundTripTest {
  private static final ObjectMapper M = new ObjectMapper();

  record Case(String name, Supplier<Model> build, int size) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static ApplicationOptions noWeights(int size) {
    return ApplicationOptions.defaults().weights((String) null).inputShape(size, size, 3);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // With the top: drop-connect Dropouts with noise shape (-1, 1, 1, 1) and top_dropout.
        new Case(
            "EfficientNetB0",
            () -> EfficientNetB0.build(noWeights(32).includeTop(true).classes(10)),
            32),
        new Case("Xception", () -> Xception.build(noWeights(71).includeTop(false)), 71),
        new Case(
            "MobileNetV2",
            () -> MobileNetV2.build(0.35, noWeights(32).includeTop(false).pooling("avg")),
            32),
        new Case("ResNet50", () -> ResNet50.build(noWeights(32).includeTop(false)), 32));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rebuildsFromItsConfig(Case c) throws Exception {
    LayerNames.reset();
    Model original = c.build().get();
    String json = ModelConfigs.toJson(original);
    Model copy = ModelConfigs.fromJson(json);

    assertEquals(names(original), names(copy), c.name() + " layers");
    assertEquals(original.countParams(), copy.countParams(), c.name() + " parameters");
    assertEquals(
        size(original.trainableWeights()), size(copy.trainableWeights()), c.name() + " trainable");
    assertEquals(
        size(original.nonTrainableWeights()),
        size(copy.nonTrainableWeights()),
        c.name() + " non-trainable");
    assertNull(JsonDiff.firstDifference(M.readTree(json), ModelConfigs.toConfig(copy)), c.name());
    if (c.name().equals("EfficientNetB0")) {
      // The drop-connect noise shape survives the trip (block2b is the first residual block with a
      // positive rate).
      Dropout drop = (Dropout) layer(copy, "block2b_drop");
      assertEquals("[-1, 1, 1, 1]", java.util.Arrays.toString(drop.noiseShape()));
    }

    copy.setWeights(original.getWeights());
    Tensor x = new Rng(7).uniform(0f, 255f, 2, c.size(), c.size(), 3);
    float[] want = original.apply(x, false).toFloatArray();
    float[] got = copy.apply(x, false).toFloatArray();
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 0f, c.name() + " output " + i);
    }
  }

  private static Layer layer(Model m, String name) {
    for (Layer l : m.layers()) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    assertTrue(false, "no layer " + name);
    return null;
  }

  private static List<String> names(Model m) {
    List<String> out = new ArrayList<>();
    for (Layer l : m.layers()) {
      out.add(l.name() + ":" + l.typeName());
    }
    return out;
  }

  private static long size(List<Variable> vs) {
    long n = 0;
    for (Variable v : vs) {
      n += v.size();
    }
    return n;
  }
}
