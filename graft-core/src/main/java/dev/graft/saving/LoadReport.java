package dev.graft.saving;

import java.util.ArrayList;
import java.util.List;

/**
 * What a weights load did: the layers whose weights were set, and what was skipped and why.
 *
 * @param file the file as messages name it
 * @param format {@code "keras3"} for the {@code .weights.h5} layout, {@code "legacy-h5"} otherwise
 * @param loaded the names of the layers whose weights were all set
 * @param skipped the layers (or single weights) left as they were, each with the reason
 * @param unused the groups of the file that no layer of the model read (Keras ignores them too)
 * @param notes other things the load left out, one sentence each: a training configuration graft
 *     cannot rebuild (the model then loads uncompiled), optimizer state that is absent
 */
public record LoadReport(
    String file,
    String format,
    List<String> loaded,
    List<Skipped> skipped,
    List<String> unused,
    List<String> notes) {

  /** A layer or weight that was not loaded. */
  public record Skipped(String what, String reason) {}

  public LoadReport {
    loaded = List.copyOf(loaded);
    skipped = List.copyOf(skipped);
    unused = List.copyOf(unused);
    notes = List.copyOf(notes);
  }

  /** A report without notes. */
  public LoadReport(
      String file, String format, List<String> loaded, List<Skipped> skipped, List<String> unused) {
    this(file, format, loaded, skipped, unused, List.of());
  }

  /** This report with {@code more} notes added. */
  public LoadReport withNotes(List<String> more) {
    List<String> all = new ArrayList<>(notes);
    all.addAll(more);
    return new LoadReport(file, format, loaded, skipped, unused, all);
  }
}
