package dev.graft.cli.model;

import dev.graft.cli.UserError;
import dev.graft.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model file with its class names (from its sidecar; {@code class 0}, {@code class 1}, ... when
 * it has none) and input image shape.
 */
record TrainedModel(Model model, List<String> classNames, boolean fromLogits, int[] imageShape) {
  static TrainedModel load(Path file) {
    Model model = ModelFile.load(file);
    int[] image = ModelFile.imageShape(model, file);
    int[] outShape = model.outputs().get(0).shape();
    int width = outShape[outShape.length - 1];
    int classes = width == 1 ? 2 : width;
    ModelSidecar sidecar =
        ModelSidecar.readFor(file).orElseGet(() -> new ModelSidecar(numbered(classes), true));
    if (sidecar.classNames().size() != classes) {
      throw new UserError(
          ModelSidecar.fileOf(file)
              + " names "
              + sidecar.classNames().size()
              + " classes but the model has "
              + classes
              + "; it belongs to another model");
    }
    return new TrainedModel(model, sidecar.classNames(), sidecar.fromLogits(), image);
  }

  int outputWidth() {
    int[] s = model.outputs().get(0).shape();
    return s[s.length - 1];
  }

  private static List<String> numbered(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("class " + i);
    }
    return names;
  }
}
