package dev.graft.bench;

import dev.graft.applications.ApplicationModel;
import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.Xception;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.losses.BinaryCrossentropy;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;
import java.util.Locale;

/**
 * The {@code xception} suite: the Keras transfer-learning guide's model (Rescaling, Xception base
 * without top called with {@code training=false}, global average pooling, Dropout, Dense(1)) on
 * 150x150x3 images: inference images/s, and the unfrozen fine-tuning step (forward, backward, Adam;
 * the base's BatchNormalization stays in inference mode) in images/s, each with the heap's peak.
 *
 * <p>Settings (system properties): {@code graft.bench.batch} (32), {@code graft.bench.runs} (5),
 * {@code graft.bench.warmup} (seconds, 1). Weights are the layers' random initial ones: the speed
 * does not depend on their values.
 */
final class XceptionCases {
  private XceptionCases() {}

  static List<BenchCase> all() {
    return List.of(named("xception-forward", false), named("xception-finetune", true));
  }

  private static BenchCase named(String name, boolean train) {
    return new BenchCase() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BenchResult run() {
        return measure(name, train);
      }
    };
  }

  /** The guide's model around a fresh base; unfrozen and compiled with Adam(1e-5). */
  static Model transferModel() {
    ApplicationModel base =
        Xception.build(
            ApplicationOptions.defaults()
                .weights((String) null)
                .includeTop(false)
                .inputShape(150, 150, 3));
    KerasTensor in = Input.of(150, 150, 3);
    KerasTensor x = new Rescaling(1 / 127.5f, -1f).apply(in);
    x = base.apply(x, false);
    x = new GlobalAveragePooling2D().apply(x);
    x = new Dropout(0.2f).apply(x);
    Model model = new Model(in, new Dense(1).apply(x), "xception_transfer");
    base.setTrainable(true);
    model.compile(new Adam(1e-5f), new BinaryCrossentropy(true));
    return model;
  }

  /** The float32 size of every layer output of the (flattened) graph for one batch. */
  static double layerOutputsMiB(Model model, int batch) {
    long floats = 0;
    for (Node n : model.nodes()) {
      if (n.layer() instanceof Model inner) {
        floats += (long) (layerOutputsMiB(inner, batch) * 1024 * 1024 / 4);
        continue;
      }
      for (KerasTensor t : n.outputs()) {
        long size = batch;
        int[] s = t.shape();
        for (int i = 1; i < s.length; i++) {
          size *= s[i];
        }
        floats += size;
      }
    }
    return floats * 4 / (1024.0 * 1024.0);
  }

  private static BenchResult measure(String name, boolean train) {
    int batch = Integer.getInteger("graft.bench.batch", 32);
    int runs = Integer.getInteger("graft.bench.runs", 5);
    double warmup = Double.parseDouble(System.getProperty("graft.bench.warmup", "1"));
    Model model = transferModel();
    Tensor x = new Rng(1).uniform(0, 255, batch, 150, 150, 3);
    Tensor y = new Rng(2).uniform(0, 1, batch, 1);
    HeapPeak.reset();
    Runnable body = train ? () -> model.trainOnBatch(x, y) : () -> model.predictOnBatch(x);
    double[] rates = Timing.rates(body, batch, warmup, runs);
    String shape =
        String.format(
            Locale.ROOT,
            "batch %d x 150x150x3, %s; heap: live after GC max %.0f MiB, pool peaks %.0f MiB,"
                + " -Xmx %.0f MiB; layer outputs %.0f MiB, weights %.0f MiB",
            batch,
            train ? "forward+backward+Adam, base unfrozen, BN inference" : "inference",
            HeapPeak.liveAfterGcMiB(),
            HeapPeak.poolPeaksMiB(),
            HeapPeak.maxMiB(),
            layerOutputsMiB(model, batch),
            model.countParams() * 4 / (1024.0 * 1024.0));
    return BenchResult.of(name, shape, Parallel.threads(), "images/s", rates);
  }
}
