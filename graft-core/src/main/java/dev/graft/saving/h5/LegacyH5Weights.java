package dev.graft.saving.h5;

import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.models.Model;
import dev.graft.saving.LoadReport;
import dev.graft.saving.WeightsFileException;
import dev.graft.tensor.Shape;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads legacy Keras HDF5 weights (Keras 1/2, tf.keras, and Keras 3's {@code model.save("x.h5")}):
 * a full-model file keeps them in group {@code model_weights}, a weights-only file at the root.
 * That group's attribute {@code layer_names} lists the layers; each layer's group has an attribute
 * {@code weight_names} (e.g. {@code conv1/kernel:0}) giving the dataset paths inside that group, in
 * the order of the layer's trainable then non-trainable weights. Long lists may be split into
 * attributes {@code layer_names0}, {@code layer_names1}, ...
 *
 * <p>Topological loading (the default) pairs the file's layers that have weights with the model's
 * layers that have weights, in Keras's {@code model.layers} order ({@link KerasLayerOrder}); names
 * are ignored, which is how ImageNet files load into applications whose residual layers have
 * generated names. Loading by name pairs layers of equal names and leaves the others alone.
 *
 * <p>Within a layer the weights pair in order, except that when the file's weight names and the
 * layer's weight names end in the same distinct words ({@code gamma}, {@code beta}, {@code
 * moving_mean}, ...; {@code :0} ignored) they pair by that word, so a file that lists them in
 * another order still loads.
 */
public final class LegacyH5Weights {
  private static final System.Logger LOG = System.getLogger("dev.graft.saving");

  private LegacyH5Weights() {}

  /** One layer group of the file. */
  private record FileLayer(String name, String group, List<String> weightNames) {}

  /** True when the file's root or its {@code model_weights} group has {@code layer_names}. */
  public static boolean looksLikeLegacy(H5Reader r) throws WeightsFileException {
    return base(r).isPresent();
  }

  private static Optional<String> base(H5Reader r) throws WeightsFileException {
    if (r.strings("", "layer_names").isPresent()) {
      return Optional.of("");
    }
    if (r.isGroup("model_weights") && r.strings("model_weights", "layer_names").isPresent()) {
      return Optional.of("model_weights");
    }
    return Optional.empty();
  }

  /**
   * Sets {@code model}'s weights from the file.
   *
   * @throws IllegalArgumentException when the file does not match the model: the message names the
   *     file, the layer in the model and in the file, the weight, and both shapes
   */
  public static LoadReport load(Model model, H5Reader r, boolean byName, boolean skipMismatch)
      throws IOException {
    String base =
        base(r)
            .orElseThrow(
                () ->
                    new WeightsFileException(
                        r.label()
                            + ": not a legacy Keras weights file: no 'layer_names' attribute at"
                            + " the root or in a 'model_weights' group"));
    List<FileLayer> fileLayers = new ArrayList<>();
    for (String name : r.strings(base, "layer_names").orElseThrow()) {
      String group = base.isEmpty() ? name : base + "/" + name;
      if (!r.isGroup(group)) {
        throw new WeightsFileException(
            r.label()
                + ": 'layer_names' lists '"
                + name
                + "' but there is no group '"
                + group
                + "'");
      }
      fileLayers.add(
          new FileLayer(name, group, r.strings(group, "weight_names").orElse(List.of())));
    }
    Loader loader = new Loader(r, byName, skipMismatch);
    if (byName) {
      loader.matchByName(KerasLayerOrder.layers(model), fileLayers);
    } else {
      loader.matchInOrder(KerasLayerOrder.layers(model), fileLayers);
    }
    String top = base.isEmpty() ? "top_level_model_weights" : base + "/top_level_model_weights";
    if (r.isGroup(top)) {
      List<String> names = r.strings(top, "weight_names").orElse(List.of());
      List<Variable> own = Keras3Layout.ownVariables(model);
      if (!names.isEmpty() || !own.isEmpty()) {
        loader.layer(
            model, new FileLayer("top_level_model_weights", top, names), byName && skipMismatch);
      }
    }
    return loader.finish();
  }

  /** Collects checked values, then assigns them all at once. */
  private static final class Loader {
    private final H5Reader r;
    private final boolean byName;
    private final boolean skipMismatch;
    private final Map<Variable, Tensor> values = new LinkedHashMap<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<LoadReport.Skipped> skipped = new ArrayList<>();
    private final List<String> unused = new ArrayList<>();

    Loader(H5Reader r, boolean byName, boolean skipMismatch) {
      this.r = r;
      this.byName = byName;
      this.skipMismatch = skipMismatch;
    }

    void matchInOrder(List<Layer> modelLayers, List<FileLayer> fileLayers) throws IOException {
      List<Layer> withWeights = new ArrayList<>();
      for (Layer l : modelLayers) {
        if (!legacyWeights(l).isEmpty()) {
          withWeights.add(l);
        }
      }
      List<FileLayer> saved = new ArrayList<>();
      for (FileLayer f : fileLayers) {
        if (!f.weightNames().isEmpty()) {
          saved.add(f);
        }
      }
      if (saved.size() != withWeights.size()) {
        List<String> modelNames = new ArrayList<>();
        for (Layer l : withWeights) {
          modelNames.add(l.name());
        }
        List<String> fileNames = new ArrayList<>();
        for (FileLayer f : saved) {
          fileNames.add(f.name());
        }
        throw new IllegalArgumentException(
            r.label()
                + ": layer count mismatch: the model has "
                + withWeights.size()
                + " layers with weights "
                + abbreviate(modelNames)
                + ", the file "
                + saved.size()
                + " "
                + abbreviate(fileNames)
                + "; topological loading needs the same architecture (load by name to match"
                + " layers by name instead)");
      }
      for (int k = 0; k < saved.size(); k++) {
        layer(withWeights.get(k), saved.get(k), false);
      }
    }

    void matchByName(List<Layer> modelLayers, List<FileLayer> fileLayers) throws IOException {
      Map<String, List<Layer>> index = new LinkedHashMap<>();
      for (Layer l : modelLayers) {
        index.computeIfAbsent(l.name(), k -> new ArrayList<>()).add(l);
      }
      Set<String> inFile = new HashSet<>();
      for (FileLayer f : fileLayers) {
        inFile.add(f.name());
        List<Layer> matches = index.get(f.name());
        if (matches == null) {
          if (!f.weightNames().isEmpty()) {
            unused.add(f.group());
          }
          continue;
        }
        for (Layer l : matches) {
          layer(l, f, skipMismatch);
        }
      }
      for (Layer l : modelLayers) {
        if (!inFile.contains(l.name()) && !legacyWeights(l).isEmpty()) {
          skipped.add(new LoadReport.Skipped(l.name(), "no layer of this name in the file"));
        }
      }
    }

    /**
     * Pairs one model layer with one file layer. A different weight count is an error unless {@code
     * countMismatchSkips} (by name with skipMismatch); a different shape is an error unless
     * skipMismatch, which then skips that weight only, as Keras does.
     */
    void layer(Layer layer, FileLayer f, boolean countMismatchSkips) throws IOException {
      List<Variable> symbolic = legacyWeights(layer);
      List<String> names = f.weightNames();
      String who =
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + "; '"
              + f.group()
              + "' in the file)";
      if (names.size() != symbolic.size()) {
        String problem =
            who
                + " has "
                + symbolic.size()
                + " weights "
                + varNames(symbolic)
                + " but the file has "
                + names.size()
                + " "
                + abbreviate(names);
        if (!countMismatchSkips) {
          throw new IllegalArgumentException(
              r.label()
                  + ": "
                  + problem
                  + (byName
                      ? "; pass skipMismatch to skip such layers"
                      : "; topological loading needs the architecture the file was saved from"));
        }
        LOG.log(System.Logger.Level.WARNING, r.label() + ": skipping " + problem);
        skipped.add(new LoadReport.Skipped(layer.name(), problem));
        return;
      }
      int[] order = pairing(names, symbolic);
      boolean all = true;
      for (int i = 0; i < names.size(); i++) {
        String path = f.group() + "/" + names.get(i);
        if (!r.isDataset(path)) {
          throw new WeightsFileException(
              r.label()
                  + ": "
                  + who
                  + " lists weight '"
                  + names.get(i)
                  + "' but there is no dataset '"
                  + path
                  + "'");
        }
        Variable v = symbolic.get(order[i]);
        Shape found = Shape.of(r.shape(path));
        if (!found.equals(v.shape())) {
          String problem =
              who
                  + ": weight '"
                  + v.name()
                  + "' has shape "
                  + v.shape()
                  + " but '"
                  + path
                  + "' has shape "
                  + found;
          if (!skipMismatch) {
            throw new IllegalArgumentException(
                r.label()
                    + ": "
                    + problem
                    + "; pass skipMismatch to skip weights whose shapes differ (e.g. a new"
                    + " classifier head)");
          }
          LOG.log(System.Logger.Level.WARNING, r.label() + ": skipping " + problem);
          skipped.add(new LoadReport.Skipped(v.name(), problem));
          all = false;
          continue;
        }
        values.put(v, r.read(path, v.size()));
      }
      if (all) {
        loaded.add(layer.name());
      }
    }

    LoadReport finish() {
      for (Map.Entry<Variable, Tensor> e : values.entrySet()) {
        e.getKey().assign(e.getValue());
      }
      return new LoadReport(r.label(), "legacy-h5", loaded, skipped, unused);
    }

    private static String varNames(List<Variable> vs) {
      List<String> out = new ArrayList<>();
      for (Variable v : vs) {
        out.add(v.name() + " " + v.shape());
      }
      return out.toString();
    }
  }

  /** Keras's {@code _legacy_weights}: trainable weights, then non-trainable ones. */
  static List<Variable> legacyWeights(Layer layer) {
    List<Variable> out = new ArrayList<>(layer.trainableWeights());
    out.addAll(layer.nonTrainableWeights());
    return out;
  }

  /**
   * {@code order[i]} is the index of the variable that file weight {@code i} goes to: by last name
   * segment when those are distinct and the same on both sides, else by position.
   */
  static int[] pairing(List<String> fileNames, List<Variable> vars) {
    int n = vars.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Map<String, Integer> byWord = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (byWord.put(lastWord(vars.get(i).name()), i) != null) {
        return order;
      }
    }
    Set<String> seen = new HashSet<>();
    int[] named = new int[n];
    for (int i = 0; i < n; i++) {
      String w = lastWord(fileNames.get(i));
      Integer j = byWord.get(w);
      if (j == null || !seen.add(w)) {
        return order;
      }
      named[i] = j;
    }
    return named;
  }

  /** {@code block1/conv1/kernel:0 -> kernel}. */
  static String lastWord(String name) {
    String s = name.substring(name.lastIndexOf('/') + 1);
    int colon = s.lastIndexOf(':');
    if (colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      s = s.substring(0, colon);
    }
    return s;
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= 12) {
      return names.toString();
    }
    return names.subList(0, 6)
        + " ... "
        + names.subList(names.size() - 3, names.size())
        + " ("
        + names.size()
        + " in all)";
  }
}
