package dev.graft.data.image;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Files with their labels ({@code null} for unlabelled data) and class names, as Keras's {@code
 * index_directory} returns them, with its global shuffle and its training/validation split.
 */
record LabeledFiles(List<Path> files, int[] labels, List<String> classNames) {
  LabeledFiles {
    files = List.copyOf(files);
    labels = labels == null ? null : labels.clone();
    classNames = classNames == null ? null : List.copyOf(classNames);
  }

  int size() {
    return files.size();
  }

  /** Files and labels in one seeded random order (the same permutation for both). */
  LabeledFiles shuffled(long seed) {
    int n = files.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return select(order, 0, n);
  }

  /**
   * Keras's {@code get_training_or_validation_split}: the last {@code int(split * n)} files are the
   * validation subset, the others the training subset; prints {@code Using N files for training.}
   * or {@code ... validation.} when {@code out} is not null.
   */
  LabeledFiles subset(double validationSplit, String subset, PrintStream out) {
    if (validationSplit == 0) {
      return this;
    }
    int n = files.size();
    int numVal = (int) (validationSplit * n);
    int numTrain = n - numVal;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (subset.equals("training")) {
      print(out, "Using " + numTrain + " files for training.");
      return select(order, 0, numTrain);
    }
    print(out, "Using " + numVal + " files for validation.");
    return select(order, numTrain, n);
  }

  private static void print(PrintStream out, String line) {
    if (out != null) {
      out.println(line);
      out.flush();
    }
  }

  private LabeledFiles select(int[] order, int from, int to) {
    List<Path> f = new ArrayList<>(to - from);
    int[] l = labels == null ? null : new int[to - from];
    for (int k = from; k < to; k++) {
      f.add(files.get(order[k]));
      if (l != null) {
        l[k - from] = labels[order[k]];
      }
    }
    return new LabeledFiles(f, l, classNames);
  }

  @Override
  public int[] labels() {
    return labels == null ? null : labels.clone();
  }
}
