package dev.graft.metrics;

import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.CategoricalCrossentropy;
import dev.graft.losses.Loss;
import dev.graft.losses.MeanAbsoluteError;
import dev.graft.losses.MeanSquaredError;
import dev.graft.losses.SparseCategoricalCrossentropy;
import java.util.Locale;

/**
 * Metrics from Keras's string shortcuts, as in {@code compile(metrics=["accuracy"])}.
 *
 * <pre>{@code
 * Metric acc = Metrics.byName("accuracy", new BinaryCrossentropy(true));  // a BinaryAccuracy
 * acc.name();                                                            // "accuracy"
 * }</pre>
 *
 * <p>As in Keras's {@code compile}, the metric is named by the string it was asked for ({@code
 * "acc"} shows as {@code acc}, {@code "mse"} as {@code mse}).
 */
public final class Metrics {
  private Metrics() {}

  /**
   * The metric Keras's {@code compile} makes of {@code name}, with the accuracy chosen for {@code
   * loss}.
   *
   * <p>{@code "accuracy"} or {@code "acc"} (any case, so also {@code "Accuracy"}, as in Keras;
   * construct {@link Accuracy} for exact equality) becomes {@link BinaryAccuracy} for {@link
   * BinaryCrossentropy}, {@link SparseCategoricalAccuracy} for {@link
   * SparseCategoricalCrossentropy} and {@link CategoricalAccuracy} for {@link
   * CategoricalCrossentropy}. For any other loss (or {@code null}) it is chosen from the shapes of
   * the first batch, as Keras 3 always does (see {@link #byName(String)}); for these three losses
   * with their usual shapes both rules agree.
   *
   * <p>Other names: {@code auc}/{@code AUC}, {@code precision}/{@code Precision}, {@code
   * recall}/{@code Recall}, {@code binary_accuracy}, {@code categorical_accuracy}, {@code
   * sparse_categorical_accuracy}, {@code top_k_categorical_accuracy}, {@code
   * sparse_top_k_categorical_accuracy} (and their class names), {@code Accuracy}, {@code
   * mse}/{@code MSE}/{@code mean_squared_error}/{@code MeanSquaredError}, {@code mae}/{@code
   * MAE}/{@code mean_absolute_error}/{@code MeanAbsoluteError}; all with Keras's default settings.
   *
   * @throws IllegalArgumentException for a name Keras would not know (or graft does not have)
   */
  public static Metric byName(String name, Loss loss) {
    MetricNames.check(name);
    if (isAccuracyShortcut(name)) {
      if (loss instanceof BinaryCrossentropy) {
        return new BinaryAccuracy(0.5f, name);
      }
      if (loss instanceof SparseCategoricalCrossentropy) {
        return new SparseCategoricalAccuracy(name);
      }
      if (loss instanceof CategoricalCrossentropy) {
        return new CategoricalAccuracy(name);
      }
      return new ShapeMatchedAccuracy(name);
    }
    switch (name) {
      case "binary_accuracy":
      case "BinaryAccuracy":
        return new BinaryAccuracy(0.5f, name);
      case "categorical_accuracy":
      case "CategoricalAccuracy":
        return new CategoricalAccuracy(name);
      case "sparse_categorical_accuracy":
      case "SparseCategoricalAccuracy":
        return new SparseCategoricalAccuracy(name);
      case "top_k_categorical_accuracy":
      case "TopKCategoricalAccuracy":
        return new TopKCategoricalAccuracy(5, name);
      case "sparse_top_k_categorical_accuracy":
      case "SparseTopKCategoricalAccuracy":
        return new SparseTopKCategoricalAccuracy(5, name);
      case "auc":
      case "AUC":
        return Auc.builder().name(name).build();
      case "precision":
      case "Precision":
        return new Precision(0.5f, name);
      case "recall":
      case "Recall":
        return new Recall(0.5f, name);
      case "mse":
      case "MSE":
      case "mean_squared_error":
      case "MeanSquaredError":
        MeanSquaredError mse = new MeanSquaredError();
        return MeanMetricWrapper.of(name, mse::perSample);
      case "mae":
      case "MAE":
      case "mean_absolute_error":
      case "MeanAbsoluteError":
        MeanAbsoluteError mae = new MeanAbsoluteError();
        return MeanMetricWrapper.of(name, mae::perSample);
      default:
        throw new IllegalArgumentException(
            "unknown metric \""
                + name
                + "\"; known: accuracy, acc, binary_accuracy, categorical_accuracy,"
                + " sparse_categorical_accuracy, top_k_categorical_accuracy,"
                + " sparse_top_k_categorical_accuracy, auc, precision, recall, mse, mae (or pass a"
                + " Metric object)");
    }
  }

  /**
   * As {@link #byName(String, Loss)} without a loss: {@code "accuracy"} is chosen on the first
   * update from the shapes, as Keras 3's {@code compile} does: {@link BinaryAccuracy} when the
   * predictions end in an axis of 1, {@link SparseCategoricalAccuracy} when the labels have fewer
   * axes than the predictions or end in an axis of 1 while the predictions do not, else {@link
   * CategoricalAccuracy}.
   */
  public static Metric byName(String name) {
    return byName(name, null);
  }

  private static boolean isAccuracyShortcut(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("accuracy") || lower.equals("acc");
  }
}
