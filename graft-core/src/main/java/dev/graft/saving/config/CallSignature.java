package dev.graft.saving.config;

/**
 * What a Keras layer's config records besides its arguments, which depends on the Python class:
 *
 * <ul>
 *   <li>{@code buildConfig}: whether Keras writes {@code build_config} (layers built by their first
 *       call do; layers Keras marks built at construction, such as ReLU or pooling, do not);
 *   <li>{@code defaultTraining}: the default of {@code training} in the layer's {@code call}
 *       ({@code false} for Dropout, {@code true} for the image preprocessing layers, {@code null}
 *       when there is none or it is None). Keras records a non-None default in each call's {@code
 *       kwargs};
 *   <li>{@code mask}: whether {@code call} takes a {@code mask}, which Keras records as {@code
 *       "mask": null}.
 * </ul>
 */
record CallSignature(boolean buildConfig, Boolean defaultTraining, boolean mask) {
  /** Built by the first call; {@code call(inputs)}. */
  static final CallSignature BUILT_ON_CALL = new CallSignature(true, null, false);

  /** Marked built at construction; {@code call(inputs)}. */
  static final CallSignature BUILT_AT_INIT = new CallSignature(false, null, false);

  /** Dropout: {@code call(inputs, training=False)}, built at construction. */
  static final CallSignature DROPOUT = new CallSignature(false, false, false);

  /** The image preprocessing layers: {@code call(data, training=True)}. */
  static final CallSignature IMAGE_PREPROCESSING = new CallSignature(true, true, false);

  /** BatchNormalization: {@code call(inputs, training=None, mask=None)}. */
  static final CallSignature BUILT_ON_CALL_WITH_MASK = new CallSignature(true, null, true);

  /** Softmax: {@code call(inputs, mask=None)}, built at construction. */
  static final CallSignature BUILT_AT_INIT_WITH_MASK = new CallSignature(false, null, true);
}
