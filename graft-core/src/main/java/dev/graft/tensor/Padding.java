package dev.graft.tensor;

/** Convolution and pooling padding, as in Keras. */
public enum Padding {
  /** No padding: windows lie wholly inside the input. */
  VALID,
  /** Output size {@code ceil(in / stride)}; TensorFlow puts any odd extra padding at the end. */
  SAME
}
