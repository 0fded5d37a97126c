package dev.graft.data.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
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
   * name within each; symbolic links to folders are not followed.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   * @throws UncheckedIOException if the folder cannot be walked
   */
  public static List<Path> list(Path dir) {
    return list(dir, false);
  }

  /**
   * Like {@link #list(Path)}; with {@code followLinks}, folders reached through symbolic links are
   * walked too (Keras's {@code follow_links}).
   */
  public static List<Path> list(Path dir, boolean followLinks) {
    requireDirectory(dir);
    List<Path> folders;
    FileVisitOption[] options =
        followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS} : new FileVisitOption[0];
    try (Stream<Path> s = Files.walk(dir, options)) {
      folders =
          s.filter(Files::isDirectory)
              .sorted(Comparator.comparing(Path::toString))
              .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("cannot list " + dir, asIo(e));
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

  private static IOException asIo(Exception e) {
    return e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
  }

  /**
   * The sorted names of the immediate subfolders of {@code dir}, hidden ones (names starting with a
   * dot) left out: Keras's inferred class names.
   */
  public static List<String> classNames(Path dir) {
    requireDirectory(dir);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
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

    /**
     * Keras's message, word for word (also for one class): {@code Found 2000 files belonging to 2
     * classes.}
     */
    public String foundMessage() {
      return "Found " + files.size() + " files belonging to " + classNames.size() + " classes.";
    }
  }

  /**
   * Indexes {@code dir}: one subfolder per class, files labelled by their class, class by class in
   * the order of {@code classNames}. Files directly in {@code dir} are not used.
   *
   * @param classNames the classes to use, each the name of a subfolder (a subset of them, in any
   *     order, which sets the labels, as Keras allows), or {@code null} for all the sorted
   *     subfolder names
   * @throws IllegalArgumentException if a class name is not a subfolder
   */
  public static Index index(Path dir, List<String> classNames) {
    return index(dir, classNames, false);
  }

  /** Like {@link #index(Path, List)}, following symbolic links to folders if asked. */
  public static Index index(Path dir, List<String> classNames, boolean followLinks) {
    List<String> found = classNames(dir);
    List<String> classes = classNames == null ? found : List.copyOf(classNames);
    if (classNames != null && !found.containsAll(classes)) {
      throw new IllegalArgumentException(
          "The classNames passed did not match the names of the subfolders of "
              + dir
              + ". Expected: "
              + found
              + " (or a subset of it), but received: classNames="
              + classNames);
    }
    if (classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException(
          "classNames " + classNames + " names a class twice; give each subfolder once");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      for (Path p : list(dir.resolve(classes.get(k)), followLinks)) {
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
