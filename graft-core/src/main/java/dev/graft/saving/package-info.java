/**
 * Saving and loading weights. For now graft's own weights file ({@link
 * dev.graft.saving.GraftWeights}), written atomically by {@link dev.graft.saving.AtomicFiles}; the
 * Keras formats ({@code .keras}, {@code .weights.h5}, legacy {@code .h5}) come later.
 */
package dev.graft.saving;
