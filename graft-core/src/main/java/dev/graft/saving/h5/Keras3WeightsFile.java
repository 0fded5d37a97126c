package dev.graft.saving.h5;

import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.saving.LoadReport;
import dev.graft.saving.WeightsFileException;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the Keras 3 weights layout ({@code .weights.h5}, and the {@code
 * model.weights.h5} inside a {@code .keras} archive); {@link Keras3Layout} says where each layer's
 * variables go. Loading checks the whole file against the model before it assigns anything, so a
 * failed load leaves the model as it was.
 */
public final class Keras3WeightsFile {
  private static final System.Logger LOG = System.getLogger("dev.graft.saving");

  /**
   * Keras 2.13 wrote {@code _layer_checkpoint_dependencies} where Keras 3 writes {@code layers}.
   */
  private static final String KERAS_2_13_LAYERS = "_layer_checkpoint_dependencies";

  /** Files nest models rarely more than a few levels; this bounds a walk of a damaged file. */
  private static final int MAX_DEPTH = 64;

  private Keras3WeightsFile() {}

  /** Writes {@code root}'s variables to {@code file} (not atomically; callers add that). */
  public static void write(Layer root, Path file) throws IOException {
    write(root, file, false);
  }

  /**
   * Writes {@code root}'s variables and, with {@code withOptimizer} and a compiled model, its
   * optimizer's state ({@link OptimizerVariables}) to {@code file}, as the {@code model.weights.h5}
   * of a {@code .keras} archive holds them.
   */
  public static void write(Layer root, Path file, boolean withOptimizer) throws IOException {
    if (!root.isBuilt()) {
      throw new IllegalStateException(
          "cannot save the weights of '"
              + root.name()
              + "': it is not built yet and has no weights; call it on an input or build it first");
    }
    List<Keras3Layout.Entry> entries = Keras3Layout.entries(root);
    try (H5Writer w = H5Writer.create(file)) {
      for (Keras3Layout.Entry e : entries) {
        String vars = e.varsPath();
        w.attribute(vars, "name", e.layer().name());
        List<Variable> vs = e.variables();
        for (int i = 0; i < vs.size(); i++) {
          Variable v = vs.get(i);
          w.dataset(vars, Integer.toString(i), v.toFloatArray(), v.shape().dims());
        }
      }
      if (withOptimizer && root instanceof dev.graft.models.Model model) {
        OptimizerVariables.write(w, model);
      }
    }
  }

  /**
   * True when the file's root looks like the Keras 3 layout (a {@code layers} or {@code vars}
   * group).
   */
  public static boolean looksLikeKeras3(H5Reader r) throws WeightsFileException {
    return r.isGroup("layers") || r.isGroup("vars") || r.isGroup(KERAS_2_13_LAYERS);
  }

  /**
   * Sets {@code root}'s variables from the file. Without {@code skipMismatch} any layer that does
   * not match (missing group, other variable count, other shape) fails the whole load, naming the
   * file, the layer, its path in the file, and both shapes; with it, such layers are skipped with a
   * warning and listed in the report.
   */
  public static LoadReport load(Layer root, H5Reader r, boolean skipMismatch) throws IOException {
    if (!looksLikeKeras3(r)) {
      throw new WeightsFileException(
          r.label()
              + ": not a Keras 3 weights file: its root has no 'layers' or 'vars' group (it has "
              + r.children("")
              + "); Keras 3 .weights.h5 files and the model.weights.h5 of a .keras archive have"
              + " them, legacy .h5 files have a 'layer_names' attribute instead");
    }
    boolean keras213 = !r.isGroup("layers") && r.isGroup(KERAS_2_13_LAYERS);
    List<Keras3Layout.Entry> entries = Keras3Layout.entries(root);
    List<String> loaded = new ArrayList<>();
    List<LoadReport.Skipped> skipped = new ArrayList<>();
    List<Runnable> assignments = new ArrayList<>();
    Set<String> readGroups = new HashSet<>();
    for (Keras3Layout.Entry e : entries) {
      String vars = e.varsPath();
      if (keras213 && vars.startsWith("layers")) {
        vars = KERAS_2_13_LAYERS + vars.substring("layers".length());
      }
      readGroups.add(vars);
      String problem = check(r, e, vars);
      if (problem != null) {
        if (!skipMismatch) {
          throw new IllegalArgumentException(
              r.label()
                  + ": "
                  + problem
                  + "; load into a model of the architecture the file was saved from, or pass"
                  + " skipMismatch to skip such layers");
        }
        LOG.log(System.Logger.Level.WARNING, r.label() + ": skipping " + problem);
        skipped.add(new LoadReport.Skipped(describe(e), problem));
        continue;
      }
      List<Variable> vs = e.variables();
      for (int i = 0; i < vs.size(); i++) {
        Variable v = vs.get(i);
        Tensor value = r.read(vars + "/" + i, v.size());
        assignments.add(() -> v.assign(value));
      }
      if (!vs.isEmpty()) {
        loaded.add(e.layer().name());
      }
    }
    for (Runnable a : assignments) {
      a.run();
    }
    List<String> unused = unusedGroups(r, readGroups, keras213 ? KERAS_2_13_LAYERS : "layers");
    if (!unused.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          r.label() + ": the model has no layer for these groups of the file: " + unused);
    }
    return new LoadReport(r.label(), "keras3", loaded, skipped, unused);
  }

  /** What is wrong with one layer's group, or null when it matches. */
  private static String check(H5Reader r, Keras3Layout.Entry e, String vars)
      throws WeightsFileException {
    List<Variable> vs = e.variables();
    if (!r.isGroup(vars)) {
      if (vs.isEmpty()) {
        return null;
      }
      return describe(e)
          + " has "
          + vs.size()
          + " weights "
          + shapes(vs)
          + " but the file has no group '"
          + vars
          + "' (a missing layer)";
    }
    List<String> datasets = r.children(vars);
    String savedAs = r.string(vars, "name").map(n -> " (saved from layer '" + n + "')").orElse("");
    if (datasets.size() != vs.size()) {
      return describe(e)
          + " has "
          + vs.size()
          + " weights "
          + shapes(vs)
          + " but the file's '"
          + vars
          + "'"
          + savedAs
          + " holds "
          + datasets.size()
          + " "
          + datasets;
    }
    for (int i = 0; i < vs.size(); i++) {
      String path = vars + "/" + i;
      if (!r.isDataset(path)) {
        return describe(e) + ": the file has no dataset '" + path + "'" + savedAs;
      }
      int[] found = r.shape(path);
      Variable v = vs.get(i);
      if (!v.shape().equals(dev.graft.tensor.Shape.of(found))) {
        return describe(e)
            + ": weight '"
            + v.name()
            + "' has shape "
            + v.shape()
            + " but '"
            + path
            + "'"
            + savedAs
            + " has shape "
            + dev.graft.tensor.Shape.of(found);
      }
    }
    return null;
  }

  /** The {@code .../vars} groups under {@code layers} that no layer read. */
  private static List<String> unusedGroups(H5Reader r, Set<String> read, String top)
      throws WeightsFileException {
    List<String> out = new ArrayList<>();
    if (r.isGroup(top)) {
      collect(r, top, read, out, 0);
    }
    return out;
  }

  private static void collect(
      H5Reader r, String path, Set<String> read, List<String> out, int depth)
      throws WeightsFileException {
    if (depth > MAX_DEPTH) {
      throw new WeightsFileException(
          r.label() + ": groups nested deeper than " + MAX_DEPTH + " levels at '" + path + "'");
    }
    for (String child : r.children(path)) {
      String p = path + "/" + child;
      if (!r.isGroup(p)) {
        continue;
      }
      String vars = p + "/vars";
      if (r.isGroup(vars) && !read.contains(vars) && !r.children(vars).isEmpty()) {
        out.add(p);
      }
      if (r.isGroup(p + "/layers")) {
        collect(r, p + "/layers", read, out, depth + 1);
      }
    }
  }

  private static String describe(Keras3Layout.Entry e) {
    return "layer '"
        + e.layer().name()
        + "' ("
        + e.layer().typeName()
        + (e.path().isEmpty() ? ", the model itself" : ", at '" + e.path() + "'")
        + ")";
  }

  private static String shapes(List<Variable> vs) {
    List<String> out = new ArrayList<>();
    for (Variable v : vs) {
      out.add(v.name() + " " + v.shape());
    }
    return out.toString();
  }
}
