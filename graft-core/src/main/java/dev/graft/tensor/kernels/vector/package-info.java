/**
 * Kernels written with the incubating Java Vector API ({@code jdk.incubator.vector}). Loaded only
 * when that module is readable; each kernel is tested equal to its scalar counterpart.
 */
package dev.graft.tensor.kernels.vector;
