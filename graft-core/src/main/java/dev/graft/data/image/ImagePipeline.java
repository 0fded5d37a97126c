package dev.graft.data.image;

import dev.graft.data.Dataset;
import dev.graft.data.FileDataset;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lazy pipeline behind {@link ImageDatasets}: file indices, shuffled through a buffer when
 * asked, decoded and resized on worker threads in order, undecodable files dropped (each named once
 * by a {@link DecodeReport}, counted per pass), then batched.
 */
final class ImagePipeline {
  private final LabeledFiles files;
  private final int[] labels;
  private final LabelMode labelMode;
  private final int numClasses;
  private final ImageDatasetOptions options;
  private final DecodeReport report;
  private final Dataset<Integer> indices;

  /**
   * @param shuffleSeed the seed of the per-pass shuffle, or {@code null} to keep the file order
   */
  ImagePipeline(
      LabeledFiles files,
      LabelMode labelMode,
      ImageDatasetOptions options,
      Long shuffleSeed,
      DecodeReport report) {
    this.files = files;
    this.labels = files.labels();
    this.labelMode = labelMode;
    this.numClasses = files.classNames() == null ? 0 : files.classNames().size();
    this.options = options;
    this.report = report;
    List<Integer> all = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      all.add(i);
    }
    Dataset<Integer> source = Dataset.fromList(all);
    // Built once, so that each pass draws a new order (tf.data's reshuffle_each_iteration).
    this.indices =
        shuffleSeed == null ? source : source.shuffle(8 * options.batchSize(), shuffleSeed, true);
  }

  /** Elements {@code {image}} or {@code {image, label}}. */
  FileDataset<Tensor[]> samples() {
    return FileDataset.of(
        () -> {
          AtomicInteger skipped = new AtomicInteger();
          return new FileDataset.Pass<>(decoded(skipped), () -> reportPass(skipped.get()));
        },
        files.files(),
        labelMode == null ? null : files.classNames());
  }

  /** Batches of {@code options.batchSize()}; {@code y} is null without labels. */
  FileDataset<Batch> batches() {
    return FileDataset.of(
        () -> {
          AtomicInteger skipped = new AtomicInteger();
          Dataset<Batch> batches =
              decoded(skipped)
                  .batch(options.batchSize(), false)
                  .map(t -> new Batch(t[0], t.length > 1 ? t[1] : null, null));
          return new FileDataset.Pass<>(batches, () -> reportPass(skipped.get()));
        },
        files.files(),
        labelMode == null ? null : files.classNames());
  }

  private Dataset<Tensor[]> decoded(AtomicInteger skipped) {
    return indices
        .map(i -> load(i, skipped), options.parallelism())
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  private Optional<Tensor[]> load(int i, AtomicInteger skipped) {
    Path file = files.files().get(i);
    Optional<Tensor> image = report.decodeOrSkip(file, options.colorMode());
    if (image.isEmpty()) {
      skipped.incrementAndGet();
      return Optional.empty();
    }
    Tensor resized = resize(image.get());
    if (labelMode == null) {
      return Optional.of(new Tensor[] {resized});
    }
    return Optional.of(new Tensor[] {resized, label(labels[i])});
  }

  private Tensor resize(Tensor image) {
    int h = options.height();
    int w = options.width();
    Tensor in = options.cropToAspectRatio() ? ImageResize.cropToAspectRatio(image, h, w) : image;
    return ImageResize.resize(in, h, w, options.interpolation());
  }

  private Tensor label(int label) {
    switch (labelMode) {
      case INT:
        return Tensor.scalar(label);
      case BINARY:
        return Tensor.of(new float[] {label}, 1);
      case CATEGORICAL:
        float[] oneHot = new float[numClasses];
        oneHot[label] = 1f;
        return Tensor.of(oneHot, numClasses);
    }
    throw new AssertionError(labelMode);
  }

  private void reportPass(int skipped) {
    if (skipped > 0) {
      PrintStream err = options.err();
      err.println(
          "Skipped "
              + skipped
              + (skipped == 1 ? " file" : " files")
              + " of "
              + files.size()
              + " that could not be decoded in this pass.");
      err.flush();
    }
  }
}
