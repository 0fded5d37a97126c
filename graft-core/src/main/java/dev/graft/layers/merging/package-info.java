/**
 * Layers that combine several inputs: {@link dev.graft.layers.merging.Add}, {@link
 * dev.graft.layers.merging.Subtract}, {@link dev.graft.layers.merging.Multiply}, {@link
 * dev.graft.layers.merging.Concatenate}.
 */
package dev.graft.layers.merging;
