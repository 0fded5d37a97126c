package dev.graft.training;

import dev.graft.tensor.Tensor;
import dev.graft.training.callbacks.Callback;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The optional settings of {@code fit}, with Keras's defaults: batch size 32, one epoch, shuffled
 * every epoch, progress bar on ({@code verbose} 1).
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(20).validationSplit(0.2).seed(42));
 * }</pre>
 *
 * <p>A mutable builder: each setter validates, changes this object and returns it; {@code fit}
 * reads it when called.
 */
public final class FitOptions {
  private int batchSize = 32;
  private int epochs = 1;
  private int initialEpoch;
  private boolean shuffle = true;
  private Long seed;
  private Tensor validationX;
  private Tensor validationY;
  private Iterable<Batch> validationBatches;
  private double validationSplit;
  private Map<Integer, Double> classWeight;
  private Tensor sampleWeight;
  private final List<Callback> callbacks = new ArrayList<>();
  private int verbose = 1;
  private PrintStream out;
  private Boolean terminal;
  private LongSupplier clock = System::nanoTime;

  private FitOptions() {}

  /** Keras's defaults. */
  public static FitOptions defaults() {
    return new FitOptions();
  }

  /** Samples per batch when fitting arrays (default 32); the last batch may be smaller. */
  public FitOptions batchSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FitOptions: batchSize must be at least 1, got " + n);
    }
    batchSize = n;
    return this;
  }

  /**
   * The number of epochs (default 1); with {@link #initialEpoch}, the epoch to stop at, as Keras:
   * {@code initialEpoch(5).epochs(8)} runs epochs 6 to 8.
   */
  public FitOptions epochs(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("FitOptions: epochs must be >= 0, got " + n);
    }
    epochs = n;
    return this;
  }

  /** The epoch to start at, to resume a run (default 0). */
  public FitOptions initialEpoch(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("FitOptions: initialEpoch must be >= 0, got " + n);
    }
    initialEpoch = n;
    return this;
  }

  /** Whether array data is reshuffled before each epoch (default true). */
  public FitOptions shuffle(boolean on) {
    shuffle = on;
    return this;
  }

  /** The seed of the shuffling order; without one, the next of {@code Seeds}. */
  public FitOptions seed(long s) {
    seed = s;
    return this;
  }

  /** Data to evaluate at the end of each epoch ({@code val_} entries in the logs). */
  public FitOptions validationData(Tensor x, Tensor y) {
    Batch.of(x, y); // validates the shapes
    validationX = x;
    validationY = y;
    validationBatches = null;
    return this;
  }

  /** Batches to evaluate at the end of each epoch, iterated again each time. */
  public FitOptions validationData(Iterable<Batch> batches) {
    validationBatches = batches;
    validationX = null;
    validationY = null;
    return this;
  }

  /**
   * The fraction of the array data held out for validation: the last samples, taken before any
   * shuffling, as Keras. Ignored when {@link #validationData} is set.
   */
  public FitOptions validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "FitOptions: validationSplit must be in [0, 1), got " + fraction);
    }
    validationSplit = fraction;
    return this;
  }

  /**
   * Weights per class index, multiplied into the loss of each training sample of that class
   * (classes missing from the map weigh 1). Not together with {@link #sampleWeight}.
   */
  public FitOptions classWeight(Map<Integer, Double> weights) {
    classWeight = weights == null ? null : new LinkedHashMap<>(weights);
    return this;
  }

  /** Per-sample weights for array data, shape {@code (samples)}. Not with {@link #classWeight}. */
  public FitOptions sampleWeight(Tensor weights) {
    sampleWeight = weights;
    return this;
  }

  /** Callbacks, called in this order before the history and the progress bar. */
  public FitOptions callbacks(Callback... cbs) {
    callbacks.addAll(Arrays.asList(cbs));
    return this;
  }

  /** 0: silent; 1: progress bar (default); 2: one line per epoch. */
  public FitOptions verbose(int level) {
    if (level < 0 || level > 2) {
      throw new IllegalArgumentException("FitOptions: verbose must be 0, 1 or 2, got " + level);
    }
    verbose = level;
    return this;
  }

  /** Where the progress output goes (default {@code System.out}). */
  public FitOptions output(PrintStream stream) {
    out = stream;
    return this;
  }

  /**
   * Whether the output is a terminal, where the bar is redrawn in place; without this, whether
   * standard output is one.
   */
  public FitOptions terminal(boolean on) {
    terminal = on;
    return this;
  }

  /** The clock (nanoseconds) the progress bar reads: for tests. */
  public FitOptions clock(LongSupplier nanos) {
    clock = nanos;
    return this;
  }

  public int batchSize() {
    return batchSize;
  }

  public int epochs() {
    return epochs;
  }

  public int initialEpoch() {
    return initialEpoch;
  }

  public boolean shuffle() {
    return shuffle;
  }

  /** The seed, or null when none was set. */
  public Long seed() {
    return seed;
  }

  public double validationSplit() {
    return validationSplit;
  }

  public Map<Integer, Double> classWeight() {
    return classWeight;
  }

  public Tensor sampleWeight() {
    return sampleWeight;
  }

  public List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  public int verbose() {
    return verbose;
  }

  /** The progress bar for these options (silent at verbose 0). */
  ProgressBar progressBar() {
    PrintStream o = out != null ? out : System.out;
    boolean term = terminal != null ? terminal : isTerminal();
    return new ProgressBar(o, verbose, term, clock);
  }

  /**
   * Whether standard output is a terminal. Before JDK 22 {@code System.console()} is null unless it
   * is; from JDK 22 it may be non-null for redirected output too, and {@code Console.isTerminal()}
   * (looked up by name, since graft compiles for Java 17) tells.
   */
  static boolean isTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** The validation batches, or null when none were given as data. */
  Iterable<Batch> validationBatches() {
    if (validationBatches != null) {
      return validationBatches;
    }
    return validationX == null
        ? null
        : new ArrayData(validationX, validationY, null).batches(batchSize);
  }
}
