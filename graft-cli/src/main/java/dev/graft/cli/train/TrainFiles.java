package dev.graft.cli.train;

import dev.graft.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one run, all beside {@code --out}: for {@code model.keras}, {@code
 * model.checkpoint.keras}, {@code model.state.json}, {@code model.log.csv} and {@code
 * model.curves.png}.
 */
record TrainFiles(Path model, Path checkpoint, Path state, Path csv, Path curves) {
  static TrainFiles of(Path out) {
    Path abs = out.toAbsolutePath();
    String name = abs.getFileName().toString();
    if (!name.endsWith(".keras")) {
      throw new UserError("--out " + out + ": the model file's name must end in .keras");
    }
    Path dir = abs.getParent();
    if (!Files.isDirectory(dir)) {
      throw new UserError(
          "--out " + out + ": the folder " + dir + " does not exist; create it first");
    }
    String stem = name.substring(0, name.length() - ".keras".length());
    return new TrainFiles(
        abs,
        dir.resolve(stem + ".checkpoint.keras"),
        dir.resolve(stem + ".state.json"),
        dir.resolve(stem + ".log.csv"),
        dir.resolve(stem + ".curves.png"));
  }
}
