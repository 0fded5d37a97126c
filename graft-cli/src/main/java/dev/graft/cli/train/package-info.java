/**
 * {@code graft train} (the Keras transfer-learning guide's two phases, resumable) and {@code graft
 * preview} (its 3x3 data and augmentation grids).
 */
package dev.graft.cli.train;
