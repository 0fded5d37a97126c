package dev.graft.applications;

import dev.graft.models.KerasTensor;
import java.nio.file.Path;

/**
 * The settings every application model takes, with Keras's defaults: with the classifier on top,
 * ImageNet weights, the model's default input shape, no pooling, 1000 classes, softmax, the model's
 * own name. Start from {@link #defaults()}; the builders read the values when called, so changing
 * the options later does not change a model built from them.
 *
 * <pre>{@code
 * ApplicationOptions.defaults().includeTop(false).weights((String) null).inputShape(96, 96, 3);
 * }</pre>
 */
public final class ApplicationOptions {
  private boolean includeTop = true;
  private boolean imagenet = true;
  private Path weightsFile;
  private int[] inputShape;
  private KerasTensor inputTensor;
  private String pooling;
  private int classes = 1000;
  private String classifierActivation = "softmax";
  private String name;
  private WeightsSource weightsSource;

  private ApplicationOptions() {}

  /** Keras's defaults (see the class comment). */
  public static ApplicationOptions defaults() {
    return new ApplicationOptions();
  }

  /** Whether to add the classifier (Keras's {@code include_top}; default true). */
  public ApplicationOptions includeTop(boolean v) {
    includeTop = v;
    return this;
  }

  /**
   * {@code "imagenet"} (the default: weights pre-trained on ImageNet), {@code null} (the layers'
   * own initializers), or the path of a weights file, as Keras's {@code weights} argument.
   */
  public ApplicationOptions weights(String v) {
    if (v == null) {
      imagenet = false;
      weightsFile = null;
    } else if (v.equals("imagenet")) {
      imagenet = true;
      weightsFile = null;
    } else {
      imagenet = false;
      weightsFile = Path.of(v);
    }
    return this;
  }

  /** A weights file to load (Keras's {@code weights="path"}); {@code null}: no weights. */
  public ApplicationOptions weights(Path file) {
    imagenet = false;
    weightsFile = file;
    return this;
  }

  /**
   * The input shape without the batch axis, {@code (height, width, channels)}; {@code null} (the
   * default) for the model's default size. graft needs the height and width: where Keras leaves
   * them open ({@code include_top=False} without a shape) graft uses the default size.
   */
  public ApplicationOptions inputShape(int... shape) {
    inputShape = shape == null ? null : shape.clone();
    return this;
  }

  /**
   * A symbolic tensor to build the model on (Keras's {@code input_tensor}), e.g. the output of a
   * preprocessing layer; the model's inputs are then the inputs that tensor comes from.
   */
  public ApplicationOptions inputTensor(KerasTensor t) {
    inputTensor = t;
    return this;
  }

  /**
   * Without the top: {@code "avg"} or {@code "max"} adds global pooling, {@code null} (the default)
   * returns the last feature map.
   */
  public ApplicationOptions pooling(String v) {
    pooling = v;
    return this;
  }

  /** The number of classes of the top (default 1000). */
  public ApplicationOptions classes(int v) {
    classes = v;
    return this;
  }

  /**
   * The activation of the top's Dense layer (default {@code "softmax"}; {@code null} gives logits).
   */
  public ApplicationOptions classifierActivation(String v) {
    classifierActivation = v;
    return this;
  }

  /** The model's name; {@code null} (the default) for the application's own. */
  public ApplicationOptions name(String v) {
    name = v;
    return this;
  }

  public boolean includeTop() {
    return includeTop;
  }

  /** True for {@code weights="imagenet"}. */
  public boolean imagenet() {
    return imagenet;
  }

  /** The weights file asked for, or {@code null}. */
  public Path weightsFile() {
    return weightsFile;
  }

  /** The input shape asked for, or {@code null}. */
  public int[] inputShape() {
    return inputShape == null ? null : inputShape.clone();
  }

  public KerasTensor inputTensor() {
    return inputTensor;
  }

  public String pooling() {
    return pooling;
  }

  public int classes() {
    return classes;
  }

  public String classifierActivation() {
    return classifierActivation;
  }

  public String name() {
    return name;
  }

  /**
   * Where ImageNet weight files come from; {@code null} (the default) for Keras's cache, then
   * graft's, then a download ({@link ModelFileCache#defaults()}). Package-private: tests point it
   * at temporary folders and a local server.
   */
  ApplicationOptions weightsSource(WeightsSource v) {
    weightsSource = v;
    return this;
  }

  WeightsSource weightsSource() {
    return weightsSource;
  }
}
