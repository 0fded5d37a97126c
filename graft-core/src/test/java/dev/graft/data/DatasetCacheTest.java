package dev.graft.data;

import static dev.graft.data.DatasetTestSupport.list;
import static dev.graft.data.DatasetTestSupport.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
  @TempDir Path dir;

  @Test
  void memoryCacheRunsTheUpstreamOnce() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Integer> ds = range(5).map(i -> i + calls.incrementAndGet() * 0).cache();
    assertEquals(List.of(0, 1, 2, 3, 4), list(ds));
    assertEquals(List.of(0, 1, 2, 3, 4), list(ds));
    assertEquals(List.of(0, 1, 2, 3, 4), list(ds.repeat(2).take(5)));
    assertEquals(5, calls.get());
  }

  @Test
  void aPartialFirstPassLeavesNoHalfCache() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Integer> ds =
        range(5)
            .map(
                i -> {
                  calls.incrementAndGet();
                  return i;
                })
            .cache();
    assertEquals(List.of(0, 1), list(ds.take(2)));
    assertEquals(List.of(0, 1, 2, 3, 4), list(ds));
    assertEquals(2 + 5, calls.get());
    assertEquals(List.of(0, 1, 2, 3, 4), list(ds));
    assertEquals(7, calls.get());
  }

  @Test
  void cacheThenShuffleReshufflesTheCachedElements() {
    Dataset<Integer> ds = range(20).cache().shuffle(20, 3, true);
    List<Integer> a = list(ds);
    List<Integer> b = list(ds);
    assertFalse(a.equals(b));
    assertEquals(a.stream().sorted().toList(), b.stream().sorted().toList());
  }

  @Test
  void diskCacheRoundTripsTensorsAndSamples() {
    Tensor x = Tensor.of(new float[] {0, 1.5f, -2, 3, 4, 5}, 3, 2);
    Tensor y = Tensor.vector(7, 8, 9);
    AtomicInteger calls = new AtomicInteger();
    Path file = dir.resolve("sub/samples.cache");
    Dataset<Sample> ds =
        Dataset.fromArrays(x, y)
            .map(
                s -> {
                  calls.incrementAndGet();
                  return s;
                })
            .cache(file);
    List<Sample> first = list(ds);
    assertTrue(Files.isRegularFile(file));
    List<Sample> second = list(ds);
    assertEquals(3, calls.get(), "the second pass reads the file");
    assertEquals(3, second.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(first.get(i).x().toFloatArray(), second.get(i).x().toFloatArray());
      assertArrayEquals(first.get(i).x().shape().dims(), second.get(i).x().shape().dims());
      assertEquals(first.get(i).y().item(), second.get(i).y().item());
    }
    // a new pipeline over the same file uses it without running its input
    Dataset<Sample> reopened =
        Dataset.fromArrays(x, y)
            .map(
                s -> {
                  throw new AssertionError("input must not run");
                })
            .map(s -> (Sample) s)
            .cache(file);
    assertEquals(3, reopened.cardinality());
    assertEquals(3, list(reopened).size());
  }

  @Test
  void diskCacheKeepsTensorArraysAndBatches() {
    Tensor x = Tensor.arange(6).reshape(3, 2);
    Path file = dir.resolve("arrays.cache");
    Dataset<Tensor[]> ds = Dataset.fromTensors(x, Tensor.vector(1, 2, 3)).cache(file);
    list(ds);
    List<Tensor[]> back = list(ds);
    assertArrayEquals(new float[] {4, 5}, back.get(2)[0].toFloatArray());
    assertEquals(3f, back.get(2)[1].item());

    Path batches = dir.resolve("batches.cache");
    var bs = Dataset.fromArrays(x, Tensor.vector(1, 2, 3)).batch(2, false).toBatches();
    list(bs.cache(batches));
    var replay = list(bs.cache(batches));
    assertEquals(2, replay.size());
    assertArrayEquals(new int[] {2, 2}, replay.get(0).x().shape().dims());
  }

  @Test
  void aPartialPassWritesNoCacheFile() throws IOException {
    Path file = dir.resolve("partial.cache");
    Dataset<Tensor> ds = Dataset.fromTensor(Tensor.arange(10)).cache(file);
    try (DatasetIterator<Tensor> it = ds.iterator()) {
      it.next();
      it.next();
    }
    assertFalse(Files.exists(file));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "the temporary file is removed");
    }
  }

  @Test
  void anIncompleteCacheFileIsIgnoredAndRewritten() throws IOException {
    Path file = dir.resolve("broken.cache");
    Dataset<Tensor> source = Dataset.fromTensor(Tensor.arange(4));
    list(source.cache(file));
    byte[] full = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(full, full.length - 20)); // cut off the end
    AtomicInteger calls = new AtomicInteger();
    Dataset<Tensor> ds =
        source
            .map(
                t -> {
                  calls.incrementAndGet();
                  return t;
                })
            .cache(file);
    assertEquals(4, ds.cardinality());
    List<Tensor> values = list(ds);
    assertEquals(4, calls.get(), "an incomplete file is not read");
    assertEquals(3f, values.get(3).item());
    assertArrayEquals(full, Files.readAllBytes(file), "the complete file replaces it");
  }
}
