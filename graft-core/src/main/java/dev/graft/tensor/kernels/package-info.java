/**
 * Compute kernels behind small interfaces, with scalar reference implementations, the {@link
 * dev.graft.tensor.kernels.KernelProvider} that picks the Vector-API set when it is enabled, and
 * the worker pool {@link dev.graft.tensor.kernels.Parallel}. Kernels assume valid arguments; the op
 * layer validates.
 */
package dev.graft.tensor.kernels;
