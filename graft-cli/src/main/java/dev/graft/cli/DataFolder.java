package dev.graft.cli;

import dev.graft.data.image.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a {@code --data} folder before Keras-style loading starts, so that the usual mistakes end
 * with one sentence: the folder is missing, or it does not hold at least two class subfolders.
 */
public final class DataFolder {
  private DataFolder() {}

  /** The class names of {@code dir} (its sorted subfolder names), at least two. */
  public static List<String> classNames(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserError(
          "--data "
              + dir
              + ": no such folder; give a folder with one subfolder of images per class");
    }
    List<String> names = ImageFiles.classNames(dir);
    if (names.size() < 2) {
      throw new UserError(
          "--data "
              + dir
              + " has "
              + (names.isEmpty() ? "no class subfolders" : "one class (" + names.get(0) + ")")
              + "; put each class's images in its own subfolder, at least two classes");
    }
    return names;
  }
}
