/**
 * Stateful training metrics with Keras's names and semantics: {@link dev.graft.metrics.Mean}, the
 * accuracies ({@link dev.graft.metrics.BinaryAccuracy}, {@link dev.graft.metrics.Accuracy}, {@link
 * dev.graft.metrics.CategoricalAccuracy}, {@link dev.graft.metrics.SparseCategoricalAccuracy}, the
 * top-k ones), {@link dev.graft.metrics.Precision}, {@link dev.graft.metrics.Recall} and {@link
 * dev.graft.metrics.Auc}; {@link dev.graft.metrics.Metrics#byName} resolves Keras's string
 * shortcuts such as {@code "accuracy"}.
 *
 * <p>Every metric accumulates in double over {@link dev.graft.metrics.Metric#update} calls, so its
 * result does not depend on how the data was batched; updates read the tensors' values and record
 * nothing on a gradient tape. Thresholds apply to the raw predictions as in Keras (a logit model's
 * {@code BinaryAccuracy} compares logits with 0.5).
 */
package dev.graft.metrics;
