/**
 * Reading and writing array files from outside graft.
 *
 * <p>{@link dev.graft.io.Npy} reads and writes NumPy's {@code .npy} format (versions 1.0, 2.0 and
 * 3.0, C order), converting every supported dtype to and from graft's float32 {@link
 * dev.graft.tensor.Tensor}. Malformed files raise a {@link dev.graft.io.NpyFormatException} that
 * names the file and what was expected.
 */
package dev.graft.io;
