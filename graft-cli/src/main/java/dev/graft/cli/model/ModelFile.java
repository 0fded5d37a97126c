package dev.graft.cli.model;

import dev.graft.cli.UserError;
import dev.graft.models.Model;
import dev.graft.saving.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a model file given on the command line; every failure is a {@link UserError}. */
public final class ModelFile {
  private ModelFile() {}

  /** The model in {@code file} ({@code .keras} or a legacy full-model {@code .h5}). */
  public static Model load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such model file");
    }
    try {
      return ModelFiles.load(file);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new UserError("cannot read the model file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The model's input image size {@code [height, width, channels]}. */
  public static int[] imageShape(Model model, Path file) {
    int[] shape = model.inputs().get(0).shape();
    int n = shape.length;
    if (n < 3 || shape[n - 3] <= 0 || shape[n - 2] <= 0 || shape[n - 1] <= 0) {
      throw new UserError(
          file
              + ": the model's input "
              + java.util.Arrays.toString(shape)
              + " is not an image of fixed size (height, width, channels)");
    }
    return new int[] {shape[n - 3], shape[n - 2], shape[n - 1]};
  }
}
