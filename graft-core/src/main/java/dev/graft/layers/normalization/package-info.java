/**
 * Normalization layers: {@link dev.graft.layers.normalization.BatchNormalization}, the one layer
 * whose behaviour links {@code training} and {@code trainable}.
 */
package dev.graft.layers.normalization;
