package dev.graft.data;

import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A lazy pipeline of elements, after {@code tf.data.Dataset}. Nothing runs until a pass is
 * iterated; every call to {@link #iterator()} starts a new pass from the source, so a dataset can
 * be iterated any number of times (for example once per epoch: a {@code Dataset<Batch>} is the
 * {@code Iterable<Batch>} that {@code Model.fit} takes).
 *
 * <pre>{@code
 * Dataset<Batch> train =
 *     Dataset.fromArrays(x, y).shuffle(1000, 42, true).batch(32, false).prefetch(2).toBatches();
 * model.fit(train, FitOptions.defaults().epochs(5));
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #prefetch} and {@link #map(Function, int)} start daemon threads of
 * their own (named {@code graft-data-...}) per pass. They end when the pass reaches its end, when
 * its {@link DatasetIterator} is closed, or, for a pass abandoned without closing, once the
 * iterator is garbage collected. Close passes you leave early, best with try-with-resources.
 *
 * <p><b>Elements</b> are never null. {@link #batch}, {@link #unbatch} and {@link #cache(Path)}
 * understand {@link Tensor}, {@code Tensor[]} (componentwise), {@link Sample} and {@link Batch}
 * elements.
 *
 * @param <T> the element type
 */
public abstract class Dataset<T> implements Iterable<T> {
  /** {@link #cardinality()} of an endless dataset (tf.data's {@code INFINITE_CARDINALITY}). */
  public static final long INFINITE_CARDINALITY = -1;

  /** {@link #cardinality()} when the count is not known without running the pipeline. */
  public static final long UNKNOWN_CARDINALITY = -2;

  /** Subclasses live in this package. */
  Dataset() {}

  /** Starts a new pass over the elements. */
  @Override
  public abstract DatasetIterator<T> iterator();

  /**
   * The number of elements, known without iterating, or {@link #INFINITE_CARDINALITY} or {@link
   * #UNKNOWN_CARDINALITY}.
   */
  public abstract long cardinality();

  // ---- sources ----

  /** The elements of a list (copied). */
  public static <T> Dataset<T> fromList(List<? extends T> elements) {
    List<T> copy = List.copyOf(elements);
    return new IndexedDataset<>(copy.size(), copy::get);
  }

  /**
   * Slices tensors along axis 0: element {@code i} is {@code {t[0][i], t[1][i], ...}}. All tensors
   * need the same size on axis 0.
   */
  public static Dataset<Tensor[]> fromTensors(Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("fromTensors: needs at least one tensor");
    }
    List<List<Tensor>> rows = new ArrayList<>();
    for (Tensor t : tensors) {
      rows.add(Elements.rowsOf(t));
    }
    int n = rows.get(0).size();
    for (int c = 0; c < tensors.length; c++) {
      if (rows.get(c).size() != n) {
        throw new IllegalArgumentException(
            "fromTensors: tensor "
                + c
                + " has shape "
                + tensors[c].shape()
                + " but tensor 0 has "
                + tensors[0].shape()
                + "; all need the same size on axis 0");
      }
    }
    return new IndexedDataset<>(
        n,
        i -> {
          Tensor[] out = new Tensor[rows.size()];
          for (int c = 0; c < out.length; c++) {
            out[c] = rows.get(c).get(i);
          }
          return out;
        });
  }

  /** Slices one tensor along axis 0. */
  public static Dataset<Tensor> fromTensor(Tensor tensor) {
    List<Tensor> rows = Elements.rowsOf(tensor);
    return new IndexedDataset<>(rows.size(), rows::get);
  }

  /**
   * Samples {@code (x[i], y[i])}; {@code .batch(n, drop).toBatches()} then gives the batches that
   * {@code fit} takes.
   */
  public static Dataset<Sample> fromArrays(Tensor x, Tensor y) {
    return fromTensors(x, y).map(p -> new Sample(p[0], p[1]));
  }

  // ---- transformations ----

  /** Applies {@code fn} to each element, on the consumer's thread. */
  public <R> Dataset<R> map(Function<? super T, ? extends R> fn) {
    return new MapDataset<>(this, fn);
  }

  /**
   * Applies {@code fn} on {@code parallelism} worker threads of this pass, keeping the order of the
   * elements. {@code fn} must be safe to call from several threads.
   */
  public <R> Dataset<R> map(Function<? super T, ? extends R> fn, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("map: parallelism must be at least 1, got " + parallelism);
    }
    return parallelism == 1 ? map(fn) : new ParallelMapDataset<>(this, fn, parallelism);
  }

  /** Keeps the elements for which {@code keep} is true. */
  public Dataset<T> filter(Predicate<? super T> keep) {
    return new FilterDataset<>(this, keep);
  }

  /**
   * Stacks groups of {@code size} consecutive elements along a new axis 0; the last, smaller group
   * is kept unless {@code dropRemainder}.
   */
  public Dataset<T> batch(int size, boolean dropRemainder) {
    if (size < 1) {
      throw new IllegalArgumentException("batch: size must be at least 1, got " + size);
    }
    return new BatchDataset<>(this, size, dropRemainder);
  }

  /** Splits every element along axis 0 into its rows: the inverse of {@link #batch}. */
  public Dataset<T> unbatch() {
    return new UnbatchDataset<>(this);
  }

  /**
   * tf.data's buffered shuffle: fills a buffer of {@code bufferSize} elements and emits a random
   * one, replacing it with the next input element. With {@code reshuffleEachIteration}, each pass
   * uses another order (the sequence of orders follows from {@code seed}); otherwise every pass
   * gives the same order.
   */
  public Dataset<T> shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException(
          "shuffle: bufferSize must be at least 1, got " + bufferSize);
    }
    return new ShuffleDataset<>(this, bufferSize, seed, reshuffleEachIteration);
  }

  /**
   * Keeps the elements in memory: the first pass that runs to its end fills the cache, later passes
   * replay it without running the input. A pass ended early caches nothing.
   */
  public Dataset<T> cache() {
    return new MemoryCacheDataset<>(this);
  }

  /**
   * Keeps the elements in the file {@code path} (format in {@link ElementCodec}): written by the
   * first complete pass and moved into place atomically; an incomplete file is ignored.
   */
  public Dataset<T> cache(Path path) {
    return new DiskCacheDataset<>(this, path);
  }

  /** Runs the pipeline up to here on a background thread, up to {@code bufferSize} ahead. */
  public Dataset<T> prefetch(int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException(
          "prefetch: bufferSize must be at least 1, got " + bufferSize);
    }
    return new PrefetchDataset<>(this, bufferSize);
  }

  /** The first {@code count} elements; {@code -1} takes all. */
  public Dataset<T> take(long count) {
    return new TakeDataset<>(this, checkCount("take", count));
  }

  /** All but the first {@code count} elements; {@code -1} skips all. */
  public Dataset<T> skip(long count) {
    return new SkipDataset<>(this, checkCount("skip", count));
  }

  /** The elements {@code count} times over; {@code -1} repeats forever. */
  public Dataset<T> repeat(long count) {
    return new RepeatDataset<>(this, checkCount("repeat", count));
  }

  /** The elements, forever. */
  public Dataset<T> repeat() {
    return repeat(-1);
  }

  /** Combines the elements of this and {@code other} pairwise; ends with the shorter. */
  public <U, R> Dataset<R> zip(
      Dataset<U> other, BiFunction<? super T, ? super U, ? extends R> combine) {
    return new ZipDataset<>(this, other, combine);
  }

  /** The elements of this dataset followed by those of {@code other}. */
  public Dataset<T> concatenate(Dataset<? extends T> other) {
    return new ConcatenateDataset<>(this, other);
  }

  /**
   * The slice {@code [fromPercent%, toPercent%)} of a dataset with known cardinality, like TFDS's
   * {@code train[40%:50%]}. Boundaries round to the closest element, halves to even (TFDS's default
   * {@code "closest"} rounding), so adjacent slices never overlap or leave gaps.
   */
  public Dataset<T> split(double fromPercent, double toPercent) {
    long n = cardinality();
    if (n < 0) {
      throw new IllegalStateException(
          "split: needs a known cardinality, got "
              + (n == INFINITE_CARDINALITY ? "an infinite" : "an unknown")
              + " one; split the source before filter, unbatch or repeat, or take(n) first");
    }
    if (!(0 <= fromPercent && fromPercent <= toPercent && toPercent <= 100)) {
      throw new IllegalArgumentException(
          "split: need 0 <= fromPercent <= toPercent <= 100, got "
              + fromPercent
              + " and "
              + toPercent);
    }
    long from = Math.round(Math.rint(fromPercent * n / 100.0));
    long to = Math.round(Math.rint(toPercent * n / 100.0));
    return skip(from).take(to - from);
  }

  /** This dataset as {@link Batch}es: each element must be a Sample, Batch or {x, y} array. */
  public Dataset<Batch> toBatches() {
    return map(Dataset::asBatch);
  }

  private static Batch asBatch(Object e) {
    if (e instanceof Batch b) {
      return b;
    }
    if (e instanceof Sample s) {
      return s.toBatch();
    }
    if (e instanceof Tensor[] arr && (arr.length == 2 || arr.length == 3)) {
      return new Batch(arr[0], arr[1], arr.length == 3 ? arr[2] : null);
    }
    throw new IllegalArgumentException(
        "toBatches: cannot make a Batch of "
            + e.getClass().getSimpleName()
            + "; batch Sample elements (Dataset.fromArrays) or {x, y} tensor pairs first");
  }

  private static long checkCount(String op, long count) {
    if (count < -1) {
      throw new IllegalArgumentException(op + ": count must be -1 (all) or more, got " + count);
    }
    return count;
  }
}
