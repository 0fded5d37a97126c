/** Callbacks for {@code fit}: history, progress bar, early stopping, checkpoints, schedules. */
package dev.graft.training.callbacks;
