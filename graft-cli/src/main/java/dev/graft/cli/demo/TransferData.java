package dev.graft.cli.demo;

import dev.graft.datasets.LabeledImages;
import dev.graft.datasets.TrainTest;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * Fashion-MNIST cut into the demo's two tasks. Source: T-shirt/top, Trouser, Pullover, Dress, Coat
 * (labels 0-4). Target: Sandal, Shirt, Sneaker, Bag, Ankle boot (labels 5-9, relabelled 0-4).
 * Images are {@code (n, 28, 28, 1)} with pixel values in [0, 255].
 *
 * @param source the source classes' training images
 * @param targetPool the target classes' training images, from which the few labelled ones are drawn
 * @param targetTest the target classes' official test images
 */
public record TransferData(Examples source, Examples targetPool, Examples targetTest) {
  /** The number of classes of each task. */
  public static final int CLASSES = 5;

  /** Images {@code (n, 28, 28, 1)} and integer labels {@code (n)}. */
  public record Examples(Tensor images, Tensor labels) {
    /** The number of examples. */
    public int size() {
      return labels.shape().dim(0);
    }
  }

  /** Splits Fashion-MNIST; keeps the first {@code sourceLimit} and {@code testLimit} examples. */
  public static TransferData of(TrainTest fashionMnist, int sourceLimit, int testLimit) {
    LabeledImages source = first(fashionMnist.train().ofClasses(0, 1, 2, 3, 4), sourceLimit);
    LabeledImages pool = fashionMnist.train().ofClasses(5, 6, 7, 8, 9);
    LabeledImages test = first(fashionMnist.test().ofClasses(5, 6, 7, 8, 9), testLimit);
    return new TransferData(examples(source, 0), examples(pool, CLASSES), examples(test, CLASSES));
  }

  /**
   * {@code shots} labelled target images of each class, drawn at random with {@code seed} from the
   * target pool (the same seed always draws the same images), in class order.
   */
  public Examples fewShot(int shots, long seed) {
    Rng rng = new Rng(seed);
    float[] labels = targetPool.labels().toFloatArray();
    int[] chosen = new int[shots * CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      int[] ofClass = indicesOf(labels, c);
      if (ofClass.length < shots) {
        throw new IllegalArgumentException(
            "the target pool has only " + ofClass.length + " images of class " + c);
      }
      // A partial Fisher-Yates shuffle: the first `shots` places end up a uniform sample.
      for (int i = 0; i < shots; i++) {
        int j = i + rng.nextInt(ofClass.length - i);
        int t = ofClass[i];
        ofClass[i] = ofClass[j];
        ofClass[j] = t;
        chosen[c * shots + i] = ofClass[i];
      }
    }
    return select(targetPool, chosen);
  }

  private static int[] indicesOf(float[] labels, int c) {
    int[] out = new int[labels.length];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == c) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static Examples select(Examples from, int[] indices) {
    int pixels = 28 * 28;
    float[] src = from.images().toFloatArray();
    float[] lab = from.labels().toFloatArray();
    float[] images = new float[indices.length * pixels];
    float[] labels = new float[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(src, indices[k] * pixels, images, k * pixels, pixels);
      labels[k] = lab[indices[k]];
    }
    return new Examples(
        Tensor.of(images, indices.length, 28, 28, 1), Tensor.of(labels, indices.length));
  }

  private static LabeledImages first(LabeledImages all, int limit) {
    if (limit >= all.size()) {
      return all;
    }
    int[] idx = new int[limit];
    Arrays.setAll(idx, i -> i);
    return all.select(idx);
  }

  /** As images {@code (n, 28, 28, 1)}, labels shifted down by {@code offset}. */
  private static Examples examples(LabeledImages d, int offset) {
    int n = d.size();
    int h = d.images().shape().dim(1);
    int w = d.images().shape().dim(2);
    if (h != 28 || w != 28) {
      throw new IllegalArgumentException(
          "Fashion-MNIST images should be 28x28 pixels, got " + h + "x" + w);
    }
    float[] labels = d.labels().toFloatArray();
    for (int i = 0; i < n; i++) {
      labels[i] -= offset;
    }
    return new Examples(d.images().reshape(n, h, w, 1), Tensor.of(labels, n));
  }
}
