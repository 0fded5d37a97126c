package dev.graft.examples;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;
import java.util.Locale;

/**
 * The demo (the README's first command): trains a small convolutional classifier from scratch with
 * a hand-written {@link GradientTape} loop on a synthetic image task, offline, in seconds.
 *
 * <p>The task: 16x16 grey images holding either a horizontal or a vertical bar at a random place,
 * with noise. The model: conv 3x3 (8 filters, ReLU) -> 2x2 max pooling -> global max pooling ->
 * dense (2 logits), trained with softmax cross-entropy and plain gradient descent.
 */
public final class Demo {
  private static final int SIZE = 16;

  private Demo() {}

  public static void main(String[] args) {
    System.out.printf(
        "graft demo: kernels=%s, threads=%d, java %s%n",
        KernelProvider.get().name(), Parallel.threads(), Runtime.version());
    Rng rng = new Rng(42);
    Tensor[] train = bars(rng, 256);
    Tensor[] test = bars(rng, 128);

    Variable kernel = new Variable("conv/kernel", rng.normal(0, 0.4f, 3, 3, 1, 8));
    Variable bias = new Variable("conv/bias", Tensor.zeros(8));
    Variable dense = new Variable("dense/kernel", rng.normal(0, 0.5f, 8, 2));
    Variable denseBias = new Variable("dense/bias", Tensor.zeros(2));
    List<Variable> weights = List.of(kernel, bias, dense, denseBias);

    float learningRate = 0.5f;
    for (int epoch = 1; epoch <= 60; epoch++) {
      long t0 = System.nanoTime();
      List<Tensor> grads;
      Tensor loss;
      try (GradientTape tape = GradientTape.open()) {
        loss = crossEntropy(forward(train[0], weights), train[1]);
        grads = tape.gradient(loss, weights);
      }
      for (int i = 0; i < weights.size(); i++) {
        weights.get(i).assignSub(grads.get(i).mul(learningRate));
      }
      if (epoch % 10 == 0 || epoch == 1) {
        System.out.printf(
            Locale.ROOT,
            "epoch %2d  loss %.4f  train accuracy %.3f  (%d ms)%n",
            epoch,
            loss.item(),
            accuracy(forward(train[0], weights), train[1]),
            (System.nanoTime() - t0) / 1_000_000);
      }
    }
    double testAccuracy = accuracy(forward(test[0], weights), test[1]);
    System.out.printf(Locale.ROOT, "test accuracy %.3f on %d new images%n", testAccuracy, 128);
    if (testAccuracy < 0.9) {
      System.out.println("demo: the model did not learn the task (expected accuracy >= 0.9)");
      System.exit(1);
    }
  }

  static Tensor forward(Tensor images, List<Variable> w) {
    Tensor h = Ops.relu(Ops.conv2d(images, w.get(0), new int[] {1, 1}, Padding.SAME).add(w.get(1)));
    h = Ops.maxPool2d(h, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
    return Ops.globalMaxPool2d(h).matmul(w.get(2)).add(w.get(3));
  }

  static Tensor crossEntropy(Tensor logits, Tensor labels) {
    Tensor logProbs = Ops.logSoftmax(logits, -1);
    return Ops.mean(Ops.sum(Ops.mul(logProbs, Ops.oneHot(labels, 2)), false, -1)).neg();
  }

  static double accuracy(Tensor logits, Tensor labels) {
    float[] predicted = Ops.argmax(logits, -1).toFloatArray();
    float[] truth = labels.toFloatArray();
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += predicted[i] == truth[i] ? 1 : 0;
    }
    return right / (double) truth.length;
  }

  /** {images (n, 16, 16, 1), labels (n,)}: label 0 = horizontal bar, 1 = vertical bar. */
  static Tensor[] bars(Rng rng, int n) {
    float[] pixels = new float[n * SIZE * SIZE];
    float[] labels = new float[n];
    Tensor noise = rng.normal(0, 0.3f, n * SIZE * SIZE);
    float[] nz = noise.toFloatArray();
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(2);
      int at = 2 + rng.nextInt(SIZE - 4);
      int from = rng.nextInt(SIZE / 2);
      labels[i] = label;
      for (int t = from; t < from + SIZE / 2; t++) {
        int r = label == 0 ? at : t;
        int c = label == 0 ? t : at;
        pixels[(i * SIZE + r) * SIZE + c] = 1f;
      }
    }
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] += nz[p];
    }
    return new Tensor[] {Tensor.of(pixels, n, SIZE, SIZE, 1), Tensor.of(labels, n)};
  }
}
