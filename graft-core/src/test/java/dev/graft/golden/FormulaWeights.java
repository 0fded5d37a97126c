package dev.graft.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.Variable;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden folders' formula weights (see {@code shared/golden/README.md}): a SplitMix64 value in
 * {@code [-1, 1)} per element, keyed by the variable's index in {@code model.weights}, scaled by
 * the weight's kind (its name's last path component).
 */
final class FormulaWeights {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FormulaWeights() {}

  /** One entry of a {@code weights_manifest.json}. */
  record Entry(
      int index, String path, String name, List<Integer> dims, boolean trainable, JsonNode raw) {
    int[] shape() {
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The entries of {@code folder/weights_manifest.json}, in {@code model.weights} order. */
  static List<Entry> manifest(Path folder) throws IOException {
    JsonNode root = JSON.readTree(folder.resolve("weights_manifest.json").toFile());
    List<Entry> out = new ArrayList<>();
    for (JsonNode e : root) {
      JsonNode s = e.get("shape");
      List<Integer> shape = new ArrayList<>();
      for (JsonNode d : s) {
        shape.add(d.asInt());
      }
      out.add(
          new Entry(
              e.get("index").asInt(),
              e.get("path").asText(),
              e.get("name").asText(),
              List.copyOf(shape),
              e.get("trainable").asBoolean(),
              e));
    }
    return out;
  }

  /** {@code r} in {@code [-1, 1)} for element {@code t} of the variable at {@code index}. */
  static double r(int index, int t) {
    long z = (((long) index << 32) | (t & 0xFFFFFFFFL)) + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return 2.0 * ((z >>> 11) * 0x1.0p-53) - 1.0;
  }

  /** The formula values of a weight, row-major over its Keras shape. */
  static float[] values(int index, String name, int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    String kind = name.substring(name.lastIndexOf('/') + 1);
    float[] out = new float[n];
    for (int t = 0; t < n; t++) {
      double r = r(index, t);
      double v =
          switch (kind) {
            case "gamma" -> 1 + 0.2 * r;
            case "beta", "moving_mean" -> 0.1 * r;
            case "moving_variance" -> 1 + 0.25 * (r + 1);
            case "bias" -> 0.05 * r;
            case "depthwise_kernel" -> r * Math.sqrt(6.0 / (shape[0] * shape[1]));
            case "kernel", "pointwise_kernel" -> r * Math.sqrt(6.0 / leadingProduct(shape));
            default ->
                throw new IllegalArgumentException("no formula for a weight named '" + name + "'");
          };
      out[t] = (float) v;
    }
    return out;
  }

  private static double leadingProduct(int[] shape) {
    double p = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      p *= shape[i];
    }
    return p;
  }

  /** The formula value of a manifest entry as a tensor. */
  static Tensor tensor(Entry e) {
    return Tensor.of(values(e.index(), e.name(), e.shape()), e.shape());
  }

  /**
   * Sets every weight of a model to its formula value, checking that graft's weights match the
   * manifest one for one: same count, same order (by name's last two path components), same shape.
   */
  static void assign(List<Variable> weights, List<Entry> manifest) {
    if (weights.size() != manifest.size()) {
      throw new AssertionError(
          "the model has " + weights.size() + " weights, the manifest " + manifest.size());
    }
    for (int i = 0; i < weights.size(); i++) {
      Variable v = weights.get(i);
      Entry e = manifest.get(i);
      if (!lastTwo(v.name()).equals(lastTwo(e.path()))) {
        throw new AssertionError(
            "weight " + i + " is '" + v.name() + "' in graft but '" + e.path() + "' in Keras");
      }
      v.assign(tensor(e));
    }
  }

  /** {@code layer/weight} of a path such as {@code model/layer/weight}. */
  static String lastTwo(String path) {
    int last = path.lastIndexOf('/');
    int before = last < 0 ? -1 : path.lastIndexOf('/', last - 1);
    return path.substring(before + 1);
  }
}
