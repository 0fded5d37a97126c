/**
 * Saving and loading weights and models. Keras's files: {@link dev.graft.saving.KerasWeights} (the
 * Keras 3 {@code .weights.h5}, read and written; legacy {@code .h5}, read) and {@link
 * dev.graft.saving.KerasArchive} (the {@code .keras} zip); graft's own weights file {@link
 * dev.graft.saving.GraftWeights}. Every write is atomic ({@link dev.graft.saving.AtomicFiles}).
 */
package dev.graft.saving;
