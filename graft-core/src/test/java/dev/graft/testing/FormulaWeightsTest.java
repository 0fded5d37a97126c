package dev.graft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
      float[] v = FormulaWeights.formula(e.index(), e.name(), e.shape());
      double sum = 0;
      for (float f : v) {
        sum += f;
      }
      assertEquals(e.sum(), sum, 1e-9, e.path() + " sum");
      for (int i = 0; i < e.first().length; i++) {
        assertEquals((float) e.first()[i], v[i], 0f, e.path() + " first " + i);
      }
    }
  }
}
