package dev.graft.data;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A dataset read from files, carrying the attributes Keras sets on the datasets that {@code
 * image_dataset_from_directory} returns: {@link #filePaths()} ({@code file_paths}) and {@link
 * #classNames()} ({@code class_names}). Transformations return plain datasets, as in Keras, where
 * {@code ds.map(...)} has no {@code class_names} either.
 *
 * <p>Each pass is built afresh by a supplier, so per-pass state (such as a count of files that
 * could not be read) starts at zero, and it may end with an action run once when the pass reaches
 * its end (not when it is closed early).
 *
 * @param <T> the element type
 */
public final class FileDataset<T> extends Dataset<T> {
  /**
   * What one pass runs.
   *
   * @param elements the pipeline of this pass
   * @param atEnd run on the consumer's thread when the pass has delivered its last element
   * @param <T> the element type
   */
  public record Pass<T>(Dataset<T> elements, Runnable atEnd) {
    public Pass {
      if (elements == null || atEnd == null) {
        throw new IllegalArgumentException("FileDataset.Pass: elements and atEnd are required");
      }
    }
  }

  private final Supplier<Pass<T>> passes;
  private final List<Path> filePaths;
  private final List<String> classNames;

  private FileDataset(Supplier<Pass<T>> passes, List<Path> filePaths, List<String> classNames) {
    this.passes = passes;
    this.filePaths = List.copyOf(filePaths);
    this.classNames = classNames == null ? null : List.copyOf(classNames);
  }

  /**
   * A dataset whose passes come from {@code passes}.
   *
   * @param filePaths the files, in the order the unshuffled pipeline reads them
   * @param classNames the class names by label, or {@code null} for unlabelled data
   */
  public static <T> FileDataset<T> of(
      Supplier<Pass<T>> passes, List<Path> filePaths, List<String> classNames) {
    if (passes == null || filePaths == null) {
      throw new IllegalArgumentException("FileDataset: passes and filePaths are required");
    }
    return new FileDataset<>(passes, filePaths, classNames);
  }

  /** The files this dataset reads, Keras's {@code file_paths}. */
  public List<Path> filePaths() {
    return filePaths;
  }

  /**
   * The class names by label, Keras's {@code class_names}; {@code null} for unlabelled data, as in
   * Keras.
   */
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public DatasetIterator<T> iterator() {
    Pass<T> pass = passes.get();
    DatasetIterator<T> in = pass.elements().iterator();
    return new PassIterator<>() {
      @Override
      protected T compute() {
        if (in.hasNext()) {
          return in.next();
        }
        pass.atEnd().run();
        return null;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    return passes.get().elements().cardinality();
  }
}
