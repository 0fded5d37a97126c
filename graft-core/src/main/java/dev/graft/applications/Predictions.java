package dev.graft.applications;

import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Keras's {@code decode_predictions}: the top classes of each image, named. */
public final class Predictions {
  private Predictions() {}

  /**
   * Keras's {@code decode_predictions(preds, top)} for ImageNet models: {@link #decode(Tensor, int,
   * ClassIndex)} with {@link ClassIndex#imagenet()}, which is fetched and cached on first use.
   *
   * @throws IOException if the class index is in no cache and cannot be downloaded
   */
  public static List<List<Prediction>> decode(Tensor preds, int top) throws IOException {
    return decode(preds, top, ClassIndex.imagenet());
  }

  /**
   * The {@code top} highest-scoring classes of each row of {@code preds}, best first (ties: the
   * lower class index first).
   *
   * @param preds the model's outputs {@code (images, classes)}; {@code classes} must equal the
   *     index's size (1000 for ImageNet)
   * @param top how many classes to return per image (at most the number of classes)
   * @param index the names of the classes, e.g. {@code ClassIndex.read(imagenetClassIndexFile)}
   * @return one list per image
   */
  public static List<List<Prediction>> decode(Tensor preds, int top, ClassIndex index) {
    int[] d = preds.shape().dims();
    if (d.length != 2 || d[1] != index.size()) {
      throw new IllegalArgumentException(
          "decodePredictions expects a batch of predictions (a 2-D tensor of shape (samples, "
              + index.size()
              + ")) for a class index of "
              + index.size()
              + " classes; received shape "
              + Arrays.toString(d));
    }
    if (top < 1 || top > d[1]) {
      throw new IllegalArgumentException(
          "decodePredictions: top must be in [1, " + d[1] + "], got " + top);
    }
    float[] v = preds.toFloatArray();
    List<List<Prediction>> out = new ArrayList<>(d[0]);
    for (int row = 0; row < d[0]; row++) {
      int base = row * d[1];
      Integer[] order = new Integer[d[1]];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // Stable sort: equal scores keep index order.
      Arrays.sort(order, Comparator.comparingDouble(i -> -v[base + (int) i]));
      List<Prediction> best = new ArrayList<>(top);
      for (int k = 0; k < top; k++) {
        int c = order[k];
        best.add(new Prediction(c, index.wnid(c), index.description(c), v[base + c]));
      }
      out.add(List.copyOf(best));
    }
    return List.copyOf(out);
  }
}
