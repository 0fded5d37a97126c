package dev.graft.bench;

import dev.graft.layers.activation.ReLU;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;

/**
 * The {@code train} suite: the training step of a small CNN trained from scratch, the shape of
 * {@code graft demo}'s pretraining. Three blocks of 3x3 convolution (32, 64, 128 filters, no bias),
 * BatchNormalization in training mode and ReLU, 2x2 max pooling between blocks, global average
 * pooling and Dense(20), on 28x28x1 images in batches of 64: forward, backward and Adam, in
 * images/s. Where the convolutions are small, the step's time goes as much to BatchNormalization,
 * activations and pooling as to the GEMMs.
 *
 * <p>Settings (system properties): {@code graft.bench.runs} (5), {@code graft.bench.warmup}
 * (seconds, 3).
 */
final class SmallCnnCases {
  private static final int BATCH = 64;

  private SmallCnnCases() {}

  static List<BenchCase> all() {
    return List.of(
        new BenchCase() {
          @Override
          public String name() {
            return "small-cnn-train";
          }

          @Override
          public BenchResult run() {
            return measure();
          }
        });
  }

  static Model model() {
    KerasTensor in = Input.of(28, 28, 1);
    KerasTensor x = in;
    int[] widths = {32, 64, 128};
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        x = new MaxPooling2D(2).apply(x);
      }
      x = new Conv2D(Conv2D.filters(widths[i], 3).padding("same").useBias(false)).apply(x);
      x = new BatchNormalization(BatchNormalization.defaults()).apply(x);
      x = new ReLU().apply(x);
    }
    x = new GlobalAveragePooling2D().apply(x);
    Model model = new Model(in, new Dense(20).apply(x), "small_cnn");
    model.compile(new Adam(1e-3f), new SparseCategoricalCrossentropy(true));
    return model;
  }

  private static BenchResult measure() {
    int runs = Integer.getInteger("graft.bench.runs", 5);
    double warmup = Double.parseDouble(System.getProperty("graft.bench.warmup", "3"));
    Model model = model();
    Tensor x = new Rng(1).uniform(0, 1, BATCH, 28, 28, 1);
    float[] labels = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      labels[i] = i % 20;
    }
    Tensor y = Tensor.of(labels, BATCH);
    double[] rates = Timing.rates(() -> model.trainOnBatch(x, y), BATCH, warmup, runs);
    return BenchResult.of(
        "small-cnn-train",
        "batch 64 x 28x28x1, conv-BN-ReLU 32-64-128, forward+backward+Adam, BN training",
        Parallel.threads(),
        "images/s",
        rates);
  }
}
