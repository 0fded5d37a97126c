package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.layers.merging.Add;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.GlobalMaxPooling2D;
import dev.graft.models.Input;
import dev.graft.models.InputLayer;
import dev.graft.models.KerasTensor;
import dev.graft.models.Node;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the application builders share, as Keras's {@code imagenet_utils}: argument checks, the
 * input shape, the input, the classifier or pooling on top, and the finished model.
 */
final class Builds {
  private static final System.Logger LOG = System.getLogger("dev.graft.applications");

  private Builds() {}

  /** Keras's checks of {@code weights} and {@code classes}, before anything is built. */
  static void checkWeightsAndClasses(String model, ApplicationOptions o) {
    if (o.weightsFile() != null && !Files.exists(o.weightsFile())) {
      throw new IllegalArgumentException(
          model
              + ": the `weights` argument should be either null (random initialization),"
              + " \"imagenet\" (pre-training on ImageNet), or the path to the weights file to be"
              + " loaded; no file exists at "
              + o.weightsFile());
    }
    if (o.imagenet() && o.includeTop() && o.classes() != 1000) {
      throw new IllegalArgumentException(
          model
              + ": if using weights=\"imagenet\" with includeTop=true, classes should be 1000."
              + " Received classes="
              + o.classes()
              + "; use includeTop(false) and add your own classifier");
    }
    if (o.classes() < 1) {
      throw new IllegalArgumentException(model + ": classes must be positive, got " + o.classes());
    }
    String p = o.pooling();
    if (p != null && !p.equals("avg") && !p.equals("max")) {
      throw new IllegalArgumentException(
          model + ": pooling must be \"avg\", \"max\" or null, got \"" + p + "\"");
    }
  }

  /**
   * Keras's {@code obtain_input_shape}: checks a given {@code (height, width, channels)} shape or
   * picks the default one. Where Keras would leave height and width open ({@code (None, None, 3)}:
   * no shape given and no top) graft uses the default size, since its graphs need them.
   */
  static int[] inputShape(
      String model,
      int[] given,
      int defaultSize,
      int minSize,
      boolean includeTop,
      boolean imagenet) {
    if (given != null) {
      for (int d : given) {
        if (d < 1) {
          throw new IllegalArgumentException(
              model
                  + ": graft needs every input dimension, got input_shape="
                  + tuple(given)
                  + "; give the height and width you will feed (e.g. "
                  + tuple(new int[] {defaultSize, defaultSize, 3})
                  + ")");
        }
      }
    }
    int[] defaultShape;
    if (!imagenet && given != null && given.length == 3) {
      if (given[2] != 1 && given[2] != 3) {
        LOG.log(
            Level.WARNING,
            "{0}: this model usually expects 1 or 3 input channels; got input_shape={1}",
            model,
            tuple(given));
      }
      defaultShape = new int[] {defaultSize, defaultSize, given[2]};
    } else {
      defaultShape = new int[] {defaultSize, defaultSize, 3};
    }
    if (imagenet && includeTop) {
      if (given != null && !Arrays.equals(given, defaultShape)) {
        throw new IllegalArgumentException(
            model
                + ": when setting includeTop=true and loading \"imagenet\" weights, input_shape"
                + " should be "
                + tuple(defaultShape)
                + ". Received: input_shape="
                + tuple(given)
                + "; use includeTop(false) for other sizes");
      }
      return defaultShape;
    }
    if (given == null) {
      return defaultShape;
    }
    if (given.length != 3) {
      throw new IllegalArgumentException(
          model
              + ": input_shape must be three integers (height, width, channels), got "
              + tuple(given));
    }
    if (given[2] != 3 && imagenet) {
      throw new IllegalArgumentException(
          model + ": the input must have 3 channels; Received input_shape=" + tuple(given));
    }
    if (given[0] < minSize || given[1] < minSize) {
      throw new IllegalArgumentException(
          model
              + ": input size must be at least "
              + minSize
              + "x"
              + minSize
              + "; Received: input_shape="
              + tuple(given));
    }
    return given.clone();
  }

  /** The tensor to build on: the given input tensor, or a new input of {@code shape}. */
  static KerasTensor input(String model, ApplicationOptions o, int[] shape) {
    KerasTensor t = o.inputTensor();
    if (t == null) {
      return Input.of(shape);
    }
    if (t.shape().length != 4) {
      throw new IllegalArgumentException(
          model
              + ": the input tensor must be a batch of images (batch, height, width, channels), got "
              + t);
    }
    return t;
  }

  /** The model's inputs: the input layers {@code t} comes from (Keras's get_source_inputs). */
  static List<KerasTensor> sourceInputs(KerasTensor t) {
    List<KerasTensor> out = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<KerasTensor> todo = new ArrayDeque<>(List.of(t));
    while (!todo.isEmpty()) {
      KerasTensor k = todo.pop();
      Node n = k.node();
      if (!seen.add(n)) {
        continue;
      }
      if (n.layer() instanceof InputLayer) {
        out.add(k);
      }
      todo.addAll(n.inputs());
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * Keras's {@code validate_activation}: with pretrained weights (ImageNet or a file) the top's
   * activation must be softmax or none.
   */
  static void checkClassifierActivation(String model, ApplicationOptions o) {
    boolean pretrained = o.imagenet() || o.weightsFile() != null;
    String a = o.classifierActivation();
    if (pretrained && a != null && !a.equals("softmax") && !a.equals("linear")) {
      throw new IllegalArgumentException(
          model
              + ": only null and \"softmax\" activations are allowed for classifierActivation when"
              + " using pretrained weights with includeTop=true; Received: classifierActivation=\""
              + a
              + "\"");
    }
  }

  /**
   * Global pooling without a top: {@code "avg"} / {@code "max"} with the given layer names ({@code
   * null}: automatic), or {@code x} itself.
   */
  static KerasTensor pooling(KerasTensor x, String pooling, String avgName, String maxName) {
    if ("avg".equals(pooling)) {
      return new GlobalAveragePooling2D(avgName).apply(x);
    }
    if ("max".equals(pooling)) {
      return new GlobalMaxPooling2D(maxName).apply(x);
    }
    return x;
  }

  /** The classifier: Dense({@code classes}) named "predictions" with the chosen activation. */
  static KerasTensor predictions(String model, KerasTensor x, ApplicationOptions o) {
    checkClassifierActivation(model, o);
    String a = o.classifierActivation() == null ? "linear" : o.classifierActivation();
    return new Dense(Dense.units(o.classes()).activation(a).name("predictions")).apply(x);
  }

  /** {@code a + b} through an Add layer ({@code null} name: automatic). */
  static KerasTensor add(String name, KerasTensor a, KerasTensor b) {
    return new Add(name).applySymbolic(List.of(a, b), null).get(0);
  }

  /** Calls a multi-input layer on two tensors. */
  static KerasTensor merge(Layer layer, KerasTensor a, KerasTensor b) {
    return layer.applySymbolic(List.of(a, b), null).get(0);
  }

  /**
   * Keras's {@code correct_pad}: the zero padding {@code {{top, bottom}, {left, right}}} before a
   * strided "valid" convolution that matches TensorFlow's "same" padding.
   */
  static int[][] correctPad(KerasTensor x, int kernel) {
    int[] s = x.shape();
    int half = kernel / 2;
    int adjustH = 1 - s[1] % 2;
    int adjustW = 1 - s[2] % 2;
    return new int[][] {{half - adjustH, half}, {half - adjustW, half}};
  }

  /** The finished model, with the weights chosen loaded by {@link PretrainedWeights}. */
  static ApplicationModel finish(
      ApplicationOptions o, KerasTensor input, KerasTensor output, String name, RemoteFile spec) {
    List<KerasTensor> inputs =
        o.inputTensor() == null ? List.of(input) : sourceInputs(o.inputTensor());
    ApplicationModel m =
        new ApplicationModel(inputs, output, name, o.imagenet() ? spec : null, o.weightsFile());
    WeightsSource source = o.weightsSource();
    PretrainedWeights.load(m, source != null ? source : ModelFileCache.defaults());
    return m;
  }

  /** A file Keras fetches with {@code get_file(..., cache_subdir="models", file_hash=md5)}. */
  static RemoteFile kerasFile(String fileName, String url, String md5) {
    return new RemoteFile(fileName, URI.create(url), md5);
  }

  /** A shape as Python prints a tuple: {@code (150, 150, 3)}. */
  static String tuple(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
