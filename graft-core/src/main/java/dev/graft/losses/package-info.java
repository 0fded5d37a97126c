/**
 * Loss functions with Keras 3's definitions and reductions, built from {@link dev.graft.tensor.Ops}
 * so that gradients flow through them: {@link dev.graft.losses.BinaryCrossentropy}, {@link
 * dev.graft.losses.CategoricalCrossentropy}, {@link
 * dev.graft.losses.SparseCategoricalCrossentropy}, {@link dev.graft.losses.MeanSquaredError},
 * {@link dev.graft.losses.MeanAbsoluteError} and {@link dev.graft.losses.Huber}.
 */
package dev.graft.losses;
