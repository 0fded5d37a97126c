/**
 * Keras's training workflow: {@code compile}, {@code fit}, {@code evaluate}, {@code predict} and
 * the single-batch variants ({@link dev.graft.training.Trainer}, reached through {@link
 * dev.graft.models.Model}), their options ({@link dev.graft.training.FitOptions}), the per-epoch
 * {@link dev.graft.training.History} and the Keras 3 style {@link dev.graft.training.ProgressBar}.
 */
package dev.graft.training;
