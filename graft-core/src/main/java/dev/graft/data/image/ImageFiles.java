package dev.graft.data.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds image files the way Keras's {@code image_dataset_from_directory} indexes a folder: files
 * whose name ends (case-insensitively) in {@code .bmp .gif .jpeg .jpg .png}, folders walked in
 * sorted order and files sorted within each folder, symbolic links not followed; class names are
 * the sorted names of the immediate subfolders, and a file's label is its class's index.
 *
 * <pre>{@code
 * ImageFiles.Index index = ImageFiles.index(Path.of("PetImages"), null);
 * // index.classNames() = [Cat, Dog]; index.files().get(i) has label index.labels()[i]
 * }</pre>
 */
public final class ImageFiles {
  /** Keras's {@code ALLOWLIST_FORMATS}. */
  public static final List<String> EXTENSIONS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

  private ImageFiles() {}

  /** Whether the file name has one of {@link #EXTENSIONS}. */
  public static boolean isImageName(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String s = name.toString().toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (s.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every image file under {@code dir}, recursively: folders in sorted path order, files sorted by
   * name within each.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   * @throws UncheckedIOException if the folder cannot be walked
   */
  public static List<Path> list(Path dir) {
    requireDirectory(dir);
    List<Path> folders;
    try (Stream<Path> s = Files.walk(dir)) {
      folders =
          s.filter(Files::isDirectory)
              .sorted(Comparator.comparing(Path::toString))
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> s = Files.list(folder)) {
        s.filter(p -> Files.isRegularFile(p) && isImageName(p))
            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    return files;
  }

  /** The sorted names of the immediate subfolders of {@code dir}: Keras's inferred class names. */
  public static List<String> classNames(Path dir) {
    requireDirectory(dir);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Labelled files: {@code labels[i]} is the index in {@code classNames} of {@code files[i]}. */
  public record Index(List<Path> files, int[] labels, List<String> classNames) {
    public Index {
      files = List.copyOf(files);
      labels = labels.clone();
      classNames = List.copyOf(classNames);
    }

    @Override
    public int[] labels() {
      return labels.clone();
    }

    /** Keras's message: {@code Found 2000 files belonging to 2 classes.} */
    public String foundMessage() {
      return "Found "
          + files.size()
          + " files belonging to "
          + classNames.size()
          + (classNames.size() == 1 ? " class." : " classes.");
    }
  }

  /**
   * Indexes {@code dir}: one subfolder per class, files labelled by their class, class by class in
   * the order of {@code classNames}. Files directly in {@code dir} are not used.
   *
   * @param classNames the classes, which must be exactly the subfolder names (in any order, which
   *     sets the labels), or {@code null} for the sorted subfolder names
   * @throws IllegalArgumentException if {@code classNames} does not match the subfolders
   */
  public static Index index(Path dir, List<String> classNames) {
    List<String> found = classNames(dir);
    List<String> classes = classNames == null ? found : List.copyOf(classNames);
    if (classNames != null
        && !classes.stream().sorted().collect(Collectors.toList()).equals(found)) {
      throw new IllegalArgumentException(
          "classNames "
              + classNames
              + " must match the subfolders of "
              + dir
              + ", which are "
              + found);
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      for (Path p : list(dir.resolve(classes.get(k)))) {
        files.add(p);
        labels.add(k);
      }
    }
    return new Index(files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
  }

  private static void requireDirectory(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory; give the folder of images");
    }
  }
}
