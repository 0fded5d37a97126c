package dev.graft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.Variable;
import dev.graft.io.Npy;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden folders' initial weights: a SplitMix64-based formula of the variable's index in {@code
 * model.weights} and its element index, scaled by the kind of weight (described in the golden
 * README), or, for entries of {@code weights_manifest.json} whose {@code source} says "calibrated:
 * FILE", the values stored in FILE.
 */
public final class FormulaWeights {
  private FormulaWeights() {}

  /** One {@code weights_manifest.json} entry. */
  public record Entry(
      int index,
      String path,
      String name,
      int[] shape,
      boolean trainable,
      double sum,
      double[] first,
      String source) {
    /** The file name the golden folders use for this variable: path with '/' as "__". */
    public String fileName() {
      return path.replace("/", "__") + ".npy";
    }
  }

  /** The entries of {@code folder/weights_manifest.json}, in {@code model.weights} order. */
  public static List<Entry> manifest(Path folder) throws IOException {
    JsonNode root = new ObjectMapper().readTree(folder.resolve("weights_manifest.json").toFile());
    List<Entry> out = new ArrayList<>();
    for (JsonNode e : root) {
      int[] shape = new int[e.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.get("shape").get(i).asInt();
      }
      double[] first = new double[e.get("first").size()];
      for (int i = 0; i < first.length; i++) {
        first[i] = e.get("first").get(i).asDouble();
      }
      out.add(
          new Entry(
              e.get("index").asInt(),
              e.get("path").asText(),
              e.get("name").asText(),
              shape,
              e.get("trainable").asBoolean(),
              e.get("sum").asDouble(),
              first,
              e.has("source") ? e.get("source").asText() : null));
    }
    return out;
  }

  /** The initial value of {@code e}: the formula, or the calibrated file under {@code folder}. */
  public static Tensor initial(Path folder, Entry e) throws IOException {
    if (e.source() != null && e.source().startsWith("calibrated: ")) {
      return Npy.read(folder.resolve(e.source().substring("calibrated: ".length()).trim()));
    }
    return Tensor.of(formula(e.index(), e.name(), e.shape()), e.shape());
  }

  /**
   * The formula values of variable {@code k}, row-major over its Keras shape. The kind of weight is
   * the last path component of {@code name} ({@code gamma}, {@code kernel}, ...).
   */
  public static float[] formula(int k, String name, int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    String kind = name.substring(name.lastIndexOf('/') + 1);
    float[] out = new float[n];
    for (int t = 0; t < n; t++) {
      double r = uniform(k, t);
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

  /**
   * Sets every weight of a model to its formula value, checking that graft's weights match the
   * manifest one for one: same count, same order (by name's last two path components), same shape.
   */
  public static void assign(List<Variable> weights, List<Entry> manifest) {
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
      v.assign(Tensor.of(formula(e.index(), e.name(), e.shape()), e.shape()));
    }
  }

  /** {@code layer/weight} of a path such as {@code model/layer/weight}. */
  private static String lastTwo(String path) {
    int last = path.lastIndexOf('/');
    int before = last < 0 ? -1 : path.lastIndexOf('/', last - 1);
    return path.substring(before + 1);
  }

  /** In {@code [-1, 1)}. */
  static double uniform(int k, int t) {
    long z = (((long) k << 32) | (t & 0xFFFFFFFFL)) + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return 2.0 * ((z >>> 11) * 0x1.0p-53) - 1.0;
  }
}
