package dev.graft.applications;

/** How an application family expects its input pixels (Keras's {@code preprocess_input} modes). */
public enum PreprocessMode {
  /** {@code x / 127.5 - 1}: pixels in {@code [-1, 1]} (Xception, MobileNetV2). */
  TF,
  /** RGB to BGR, then minus ImageNet's mean pixel per BGR channel, no scaling (ResNet50, VGG16). */
  CAFFE,
  /** {@code x / 255}, then minus ImageNet's mean and divided by its deviation per RGB channel. */
  TORCH,
  /** Unchanged: the model rescales and normalizes its input itself (EfficientNet). */
  IDENTITY
}
