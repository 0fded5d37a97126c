package dev.graft.datasets;

import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * Images with one integer class label each: {@code images} is {@code (n, height, width)} with pixel
 * values in [0, 255] (Keras's uint8 arrays, held as float32), {@code labels} is {@code (n)} with
 * class indices.
 */
public record LabeledImages(Tensor images, Tensor labels) {
  /** Checks that both tensors hold the same number of samples. */
  public LabeledImages {
    if (images.rank() != 3
        || labels.rank() != 1
        || images.shape().dim(0) != labels.shape().dim(0)) {
      throw new IllegalArgumentException(
          "LabeledImages: expected images (n, height, width) and labels (n), got "
              + images.shape()
              + " and "
              + labels.shape());
    }
  }

  /** The number of images. */
  public int size() {
    return labels.shape().dim(0);
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return (int) labels.get(i);
  }

  /** The images and labels at {@code indices}, in that order. */
  public LabeledImages select(int[] indices) {
    int h = images.shape().dim(1);
    int w = images.shape().dim(2);
    float[] src = images.toFloatArray();
    float[] pixels = new float[indices.length * h * w];
    float[] chosen = new float[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= size()) {
        throw new IndexOutOfBoundsException(
            "index " + i + " out of range for " + size() + " images");
      }
      System.arraycopy(src, i * h * w, pixels, k * h * w, h * w);
      chosen[k] = labels.get(i);
    }
    return new LabeledImages(
        Tensor.of(pixels, indices.length, h, w), Tensor.of(chosen, indices.length));
  }

  /** The images whose label is one of {@code classes}, in their original order, labels kept. */
  public LabeledImages ofClasses(int... classes) {
    int[] wanted = classes.clone();
    Arrays.sort(wanted);
    int[] indices = new int[size()];
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (Arrays.binarySearch(wanted, label(i)) >= 0) {
        indices[n++] = i;
      }
    }
    return select(Arrays.copyOf(indices, n));
  }
}
