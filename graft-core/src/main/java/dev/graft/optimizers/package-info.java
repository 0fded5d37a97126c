/**
 * Optimizers with Keras 3's update rules: {@link dev.graft.optimizers.Sgd}, {@link
 * dev.graft.optimizers.Adam}, {@link dev.graft.optimizers.AdamW}, {@link
 * dev.graft.optimizers.RmsProp} and {@link dev.graft.optimizers.Adagrad}, sharing gradient
 * clipping, weight decay and learning-rate schedules in {@link dev.graft.optimizers.Optimizer}.
 */
package dev.graft.optimizers;
