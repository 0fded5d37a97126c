/**
 * Reverse-mode automatic differentiation: {@link dev.graft.autodiff.GradientTape} records ops on
 * tracked tensors and {@link dev.graft.autodiff.Variable} holds mutable, optionally trainable
 * weights.
 */
package dev.graft.autodiff;
