package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NormalizationTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void adaptMatchesNaiveMeanAndVarianceAndHasKerasWeights() {
    Rng rng = new Rng(3);
    List<Tensor> batches = new ArrayList<>();
    int[] sizes = {5, 1, 7, 3};
    for (int s : sizes) {
      batches.add(rng.normal(40, 9, s, 2, 3));
    }
    // naive: all values of each channel, two passes
    int c = 3;
    double[] sum = new double[c];
    long n = 0;
    for (Tensor t : batches) {
      float[] v = t.toFloatArray();
      for (int i = 0; i < v.length; i++) {
        sum[i % c] += v[i];
      }
      n += v.length / c;
    }
    double[] mean = new double[c];
    double[] var = new double[c];
    for (int k = 0; k < c; k++) {
      mean[k] = sum[k] / n;
    }
    for (Tensor t : batches) {
      float[] v = t.toFloatArray();
      for (int i = 0; i < v.length; i++) {
        var[i % c] += (v[i] - mean[i % c]) * (v[i] - mean[i % c]);
      }
    }
    Normalization norm = new Normalization();
    norm.adapt(batches);
    List<Variable> w = norm.weights();
    assertEquals(3, w.size());
    assertEquals("normalization/mean", w.get(0).name());
    assertEquals("normalization/variance", w.get(1).name());
    assertEquals("normalization/count", w.get(2).name());
    assertTrue(norm.trainableWeights().isEmpty());
    assertEquals(3, norm.nonTrainableWeights().size());
    float[] m = w.get(0).toFloatArray();
    float[] vv = w.get(1).toFloatArray();
    for (int k = 0; k < c; k++) {
      assertEquals(mean[k], m[k], 1e-3);
      assertEquals(var[k] / n, vv[k], 1e-2);
    }
    assertEquals((float) n, w.get(2).item());

    Tensor x = batches.get(0);
    float[] xs = x.toFloatArray();
    float[] y = norm.apply(x, true).toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals((xs[i] - mean[i % c]) / Math.sqrt(var[i % c] / n), y[i], 1e-3);
    }
  }

  @Test
  void givenStatisticsAndInvert() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Normalization norm = new Normalization(new float[] {1, 2}, new float[] {4, 0}, false, null);
    // channel 1 has variance 0: divided by epsilon 1e-7, so x - mean = 0 stays 0 where equal
    float[] y = norm.apply(x).toFloatArray();
    assertEquals(0f, y[0]);
    assertEquals(0f, y[1]);
    assertEquals(1f, y[2]);
    assertEquals(0, norm.weights().size());
    Normalization inv = new Normalization(new float[] {1}, new float[] {4}, true, null);
    assertArrayEquals(new float[] {3, 5, 7, 9}, inv.apply(x).toFloatArray(), 1e-6f);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Normalization(new float[] {1}, null, false, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Normalization(new float[] {1, 2, 3}, new float[] {1, 1, 1}, false, null).apply(x));
  }

  @Test
  void symbolicShapeBuildsWeightsForTheLastAxis() {
    Normalization norm = new Normalization();
    assertArrayEquals(new int[] {-1, 4, 4, 3}, norm.apply(Input.of(4, 4, 3)).shape());
    assertArrayEquals(new int[] {3}, norm.weights().get(0).shape().dims());
    assertEquals(7, norm.countParams());
    // unadapted: mean 0, variance 1, so the identity
    Tensor x = new Rng(1).uniform(0, 1, 2, 4, 4, 3);
    assertArrayEquals(x.toFloatArray(), norm.apply(x).toFloatArray(), 1e-6f);
  }
}
