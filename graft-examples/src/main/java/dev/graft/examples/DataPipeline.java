package dev.graft.examples;

import dev.graft.data.Dataset;
import dev.graft.data.DatasetIterator;
import dev.graft.data.Sample;
import dev.graft.data.image.ImageGrid;
import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.datasets.Datasets;
import dev.graft.datasets.LabeledImages;
import dev.graft.initializers.Seeds;
import dev.graft.layers.preprocessing.RandomFlip;
import dev.graft.layers.preprocessing.RandomRotation;
import dev.graft.models.Sequential;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data part of the Keras transfer-learning guide, on Fashion-MNIST instead of cats and dogs:
 * split the 60,000 training images 40/10/10 % as the guide splits its data set with TFDS ({@code
 * train[:40%]}, {@code train[40%:50%]}, {@code train[50%:60%]}), resize to 56x56 (standing in for
 * the guide's 150x150), cache, batch by 32, prefetch; print the sizes of the three parts, and write
 * {@code grid.png} (nine training images with their class names) and {@code augmented_grid.png}
 * (nine draws of {@code RandomFlip("horizontal")} and {@code RandomRotation(0.1)} on one image,
 * {@code training = true}).
 *
 * <p>Usage: {@code DataPipeline [outputFolder]} (default: the current folder). Needs Fashion-MNIST
 * (Debian's {@code dataset-fashion-mnist}, or the files in graft's cache).
 */
public final class DataPipeline {
  private DataPipeline() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(out);
    Seeds.setGlobalSeed(1337);

    LabeledImages train = Datasets.fashionMnist().train();
    int n = train.size();
    // Fashion-MNIST images are (28, 28) gray: give them a channel axis, HWC as the guide's photos.
    Tensor images = train.images().reshape(n, 28, 28, 1);
    Dataset<Sample> all = Dataset.fromArrays(images, train.labels());
    Dataset<Sample> trainDs = all.split(0, 40);
    Dataset<Sample> validationDs = all.split(40, 50);
    Dataset<Sample> testDs = all.split(50, 60);
    System.out.println("Number of training samples: " + trainDs.cardinality());
    System.out.println("Number of validation samples: " + validationDs.cardinality());
    System.out.println("Number of test samples: " + testDs.cardinality());

    Dataset<Batch> trainBatches = prepare(trainDs);
    prepare(validationDs);
    prepare(testDs);

    // The guide's 3x3 figure of training images, titled with their class names.
    Path grid = out.resolve("grid.png");
    ImageGrid.write(trainBatches, Datasets.FASHION_MNIST_CLASSES, 3, 3, grid);
    System.out.println("Wrote " + grid);

    // Nine random augmentations of the first training image.
    Sequential augmentation =
        new Sequential().add(new RandomFlip("horizontal")).add(new RandomRotation(0.1));
    Tensor first;
    try (DatasetIterator<Batch> it = trainBatches.iterator()) {
      Tensor x = it.next().x();
      int[] d = x.shape().dims();
      first = Ops.slice(x, new int[] {0, 0, 0, 0}, new int[] {1, d[1], d[2], d[3]});
    }
    Path augmented = out.resolve("augmented_grid.png");
    ImageGrid.writeAugmentations(first, augmentation, 3, 3, augmented);
    System.out.println("Wrote " + augmented);
  }

  /**
   * Resize each image as {@code tf.image.resize} does (what the guide's {@code Resizing(150, 150)}
   * layer runs), cache, batch by 32, prefetch.
   */
  private static Dataset<Batch> prepare(Dataset<Sample> ds) {
    return ds.map(s -> new Sample(ImageResize.resize(s.x(), 56, 56, Interpolation.BILINEAR), s.y()))
        .cache()
        .batch(32, false)
        .prefetch(2)
        .toBatches();
  }
}
