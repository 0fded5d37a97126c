package dev.graft.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.cli.UserError;
import dev.graft.saving.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code graft predict} and {@code evaluate} need besides the model: the class names, in label
 * order, and whether the model outputs logits. Kept in a small JSON file beside the model ({@code
 * model.keras} gets {@code model.classes.json}), so the {@code .keras} file stays exactly what
 * Keras writes and loads.
 *
 * @param classNames the names, index = label
 * @param fromLogits true when the outputs are logits (graft train's models), false for
 *     probabilities
 */
public record ModelSidecar(List<String> classNames, boolean fromLogits) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The sidecar's copy of the list. */
  public ModelSidecar {
    classNames = List.copyOf(classNames);
  }

  /** The sidecar file of {@code model}: {@code x.keras} gives {@code x.classes.json}. */
  public static Path fileOf(Path model) {
    String name = model.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return model.resolveSibling(stem + ".classes.json");
  }

  /** Writes the sidecar of {@code model}, atomically. */
  public void writeFor(Path model) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode names = root.putArray("class_names");
    classNames.forEach(names::add);
    root.put("from_logits", fromLogits);
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    AtomicFiles.replace(fileOf(model), tmp -> Files.write(tmp, bytes));
  }

  /** The sidecar of {@code model}, if it has one. */
  public static Optional<ModelSidecar> readFor(Path model) {
    Path file = fileOf(model);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      List<String> names = new ArrayList<>();
      JsonNode array = root.path("class_names");
      if (!array.isArray() || array.isEmpty()) {
        throw new IOException("no class_names list");
      }
      array.forEach(n -> names.add(n.asText()));
      return Optional.of(new ModelSidecar(names, root.path("from_logits").asBoolean(true)));
    } catch (IOException e) {
      throw new UserError(
          file + " is damaged (" + e.getMessage() + "); delete it or write it again", e);
    }
  }
}
