package dev.graft.data;

import static dev.graft.data.DatasetTestSupport.list;
import static dev.graft.data.DatasetTestSupport.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetOpsTest {
  @Test
  void fromListIsLazyAndIterableMoreThanOnce() {
    Dataset<Integer> ds = range(4);
    assertEquals(List.of(0, 1, 2, 3), list(ds));
    assertEquals(List.of(0, 1, 2, 3), list(ds));
    assertEquals(4, ds.cardinality());
  }

  @Test
  void fromTensorsSlicesAlongAxisZero() {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2);
    Tensor y = Tensor.vector(10, 11, 12);
    List<Tensor[]> rows = list(Dataset.fromTensors(x, y));
    assertEquals(3, rows.size());
    assertArrayEquals(new float[] {2, 3}, rows.get(1)[0].toFloatArray());
    assertArrayEquals(new int[] {2}, rows.get(1)[0].shape().dims());
    assertEquals(0, rows.get(2)[1].rank());
    assertEquals(12f, rows.get(2)[1].item());
    assertThrows(IllegalArgumentException.class, () -> Dataset.fromTensors(x, Tensor.vector(1, 2)));
  }

  @Test
  void mapAndFilter() {
    assertEquals(List.of(0, 20, 40), list(range(6).filter(i -> i % 2 == 0).map(i -> i * 10)));
    assertEquals(Dataset.UNKNOWN_CARDINALITY, range(6).filter(i -> true).cardinality());
    assertEquals(6, range(6).map(i -> i).cardinality());
  }

  @Test
  void batchStacksTensorsAndKeepsOrDropsTheRemainder() {
    Dataset<Tensor> ds = Dataset.fromTensor(Tensor.arange(5));
    List<Tensor> kept = list(ds.batch(2, false));
    assertEquals(3, kept.size());
    assertArrayEquals(new float[] {2, 3}, kept.get(1).toFloatArray());
    assertArrayEquals(new int[] {1}, kept.get(2).shape().dims());
    assertEquals(2, list(ds.batch(2, true)).size());
    assertEquals(3, ds.batch(2, false).cardinality());
    assertEquals(2, ds.batch(2, true).cardinality());
  }

  @Test
  void batchOfSamplesGivesBatchesAndUnbatchUndoesIt() {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
    Tensor y = Tensor.vector(0, 1, 0, 1);
    var batches = list(Dataset.fromArrays(x, y).batch(3, false).toBatches());
    assertEquals(2, batches.size());
    assertArrayEquals(new int[] {3, 2}, batches.get(0).x().shape().dims());
    assertArrayEquals(new float[] {0, 1, 0}, batches.get(0).y().toFloatArray());
    assertEquals(1, batches.get(1).size());

    List<Sample> back = list(Dataset.fromArrays(x, y).batch(3, false).unbatch());
    assertEquals(4, back.size());
    assertArrayEquals(new float[] {6, 7}, back.get(3).x().toFloatArray());
    assertEquals(1f, back.get(3).y().item());
  }

  @Test
  void unbatchTensorArrays() {
    Tensor a = Tensor.of(new float[] {0, 1, 2, 3}, 2, 2);
    List<Tensor[]> rows = list(Dataset.fromList(List.<Tensor[]>of(new Tensor[] {a})).unbatch());
    assertEquals(2, rows.size());
    assertArrayEquals(new float[] {2, 3}, rows.get(1)[0].toFloatArray());
  }

  @Test
  void takeSkipRepeat() {
    assertEquals(List.of(0, 1), list(range(5).take(2)));
    assertEquals(List.of(0, 1, 2, 3, 4), list(range(5).take(-1)));
    assertEquals(List.of(3, 4), list(range(5).skip(3)));
    assertEquals(List.of(), list(range(5).skip(-1)));
    assertEquals(List.of(0, 1, 0, 1, 0, 1), list(range(2).repeat(3)));
    assertEquals(List.of(0, 1, 0, 1, 0), list(range(2).repeat().take(5)));
    assertEquals(List.of(), list(range(0).repeat()));
  }

  @Test
  void zipAndConcatenate() {
    assertEquals(
        List.of("0a", "1b"),
        list(range(3).zip(Dataset.fromList(List.of("a", "b")), (i, s) -> i + s)));
    assertEquals(List.of(0, 1, 0, 1, 2), list(range(2).concatenate(range(3))));
  }

  @Test
  void cardinalityThroughTheChain() {
    assertEquals(3, range(10).skip(2).take(5).batch(2, false).cardinality());
    assertEquals(Dataset.INFINITE_CARDINALITY, range(10).repeat().cardinality());
    assertEquals(4, range(10).repeat().take(4).cardinality());
    assertEquals(30, range(10).repeat(3).shuffle(5, 1, true).prefetch(2).cardinality());
    assertEquals(Dataset.UNKNOWN_CARDINALITY, range(10).unbatch().cardinality());
    assertEquals(
        Dataset.UNKNOWN_CARDINALITY, range(10).filter(i -> true).repeat(2).take(3).cardinality());
    assertEquals(
        7, range(3).zip(range(7).repeat(), (a, b) -> a).concatenate(range(4)).cardinality());
    assertEquals(
        Dataset.INFINITE_CARDINALITY, range(3).concatenate(range(1).repeat()).cardinality());
    assertEquals(0, range(0).repeat().cardinality());
    assertEquals(10, range(10).cache().map(i -> i, 2).cardinality());
  }

  @Test
  void percentSplitsOfTen() {
    Dataset<Integer> ds = range(10);
    assertEquals(List.of(0, 1, 2, 3), list(ds.split(0, 40)));
    assertEquals(List.of(4), list(ds.split(40, 50)));
    assertEquals(List.of(5), list(ds.split(50, 60)));
    assertEquals(List.of(6, 7, 8, 9), list(ds.split(60, 100)));
    assertEquals(1, ds.split(40, 50).cardinality());
  }

  @Test
  void percentSplitsOfSevenRoundToClosestHalvesToEven() {
    Dataset<Integer> ds = range(7);
    // boundaries: 40% -> 2.8 -> 3, 50% -> 3.5 -> 4, 60% -> 4.2 -> 4
    assertEquals(List.of(0, 1, 2), list(ds.split(0, 40)));
    assertEquals(List.of(3), list(ds.split(40, 50)));
    assertEquals(List.of(), list(ds.split(50, 60)));
    assertEquals(List.of(4, 5, 6), list(ds.split(60, 100)));
    // slices of 10% each cover every element exactly once
    List<Integer> all = new ArrayList<>();
    for (int p = 0; p < 100; p += 10) {
      all.addAll(list(ds.split(p, p + 10)));
    }
    assertEquals(list(ds), all);
  }

  @Test
  void splitNeedsAKnownCardinality() {
    assertThrows(IllegalStateException.class, () -> range(5).filter(i -> true).split(0, 50));
    assertThrows(IllegalArgumentException.class, () -> range(5).split(60, 50));
  }

  @Test
  void shuffleWithBufferOneIsTheIdentity() {
    assertEquals(list(range(20)), list(range(20).shuffle(1, 3, true)));
  }

  @Test
  void shuffleWithAFullBufferIsASeededPermutation() {
    Dataset<Integer> ds = range(20).shuffle(20, 7, false);
    List<Integer> first = list(ds);
    assertEquals(Set.copyOf(list(range(20))), Set.copyOf(first));
    assertEquals(20, first.size());
    assertNotEquals(list(range(20)), first);
    assertEquals(first, list(ds), "without reshuffling every pass has the same order");
    assertEquals(first, list(range(20).shuffle(20, 7, false)), "the seed fixes the order");
  }

  @Test
  void reshuffleGivesOtherButSeededOrders() {
    Dataset<Integer> a = range(20).shuffle(20, 7, true);
    Dataset<Integer> b = range(20).shuffle(20, 7, true);
    List<Integer> a1 = list(a);
    List<Integer> a2 = list(a);
    assertNotEquals(a1, a2);
    assertEquals(a1, list(b));
    assertEquals(a2, list(b));
  }

  @Test
  void smallBufferOnlyReachesAhead() {
    // with buffer k, the element emitted at step i is one of the first i + k inputs
    int k = 3;
    for (long seed = 0; seed < 20; seed++) {
      List<Integer> out = list(range(30).shuffle(k, seed, false));
      assertEquals(30, new HashSet<>(out).size());
      for (int i = 0; i < out.size(); i++) {
        assertEquals(true, out.get(i) < i + k, "seed " + seed + " step " + i + ": " + out);
      }
    }
  }

  @Test
  void shuffleFirstElementIsUniformOverTheBuffer() {
    int k = 4;
    int[] counts = new int[k];
    int trials = 4000;
    for (int s = 0; s < trials; s++) {
      counts[list(range(10).shuffle(k, s, false).take(1)).get(0)]++;
    }
    for (int c : counts) {
      // expected 1000 each; 6 standard deviations is about 164
      assertEquals(1000, c, 170, java.util.Arrays.toString(counts));
    }
  }

  @Test
  void parallelMapKeepsOrder() {
    List<Integer> expected = IntStream.range(0, 50).map(i -> i * i).boxed().toList();
    assertEquals(expected, list(range(50).map(i -> i * i, 4)));
  }
}
