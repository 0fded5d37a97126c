package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The formula reproduces each manifest entry's {@code sum} and {@code first} values. */
class FormulaWeightsTest {
  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void formulaMatchesTheManifest(String folder) throws IOException {
    Path dir = SharedGolden.require(folder);
    for (FormulaWeights.Entry e : FormulaWeights.manifest(dir)) {
      float[] v = FormulaWeights.values(e.index(), e.name(), e.shape());
      double sum = 0;
      for (float f : v) {
        sum += f;
      }
      assertEquals(e.raw().get("sum").asDouble(), sum, 1e-9, e.path() + " sum");
      for (int i = 0; i < e.raw().get("first").size(); i++) {
        assertEquals(
            (float) e.raw().get("first").get(i).asDouble(), v[i], 0f, e.path() + " first " + i);
      }
    }
  }
}
