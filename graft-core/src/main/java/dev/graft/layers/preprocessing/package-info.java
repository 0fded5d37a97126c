/**
 * Preprocessing layers that run inside a model: {@link dev.graft.layers.preprocessing.Rescaling}.
 */
package dev.graft.layers.preprocessing;
