package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A functional model built by one of the applications, which also remembers the weights it was
 * asked to start from: ImageNet's ({@link #imagenetWeights()}) or a local file ({@link
 * #weightsFile()}). {@link PretrainedWeights#load} fills them in.
 */
public final class ApplicationModel extends Model {
  private final RemoteFile imagenetWeights;
  private final Path weightsFile;
  private boolean weightsLoaded;

  ApplicationModel(
      List<KerasTensor> inputs,
      KerasTensor output,
      String name,
      RemoteFile imagenetWeights,
      Path weightsFile) {
    super(inputs, List.of(output), name);
    this.imagenetWeights = imagenetWeights;
    this.weightsFile = weightsFile;
  }

  /** The ImageNet weights file asked for ({@code weights="imagenet"}), with Keras's address. */
  public Optional<RemoteFile> imagenetWeights() {
    return Optional.ofNullable(imagenetWeights);
  }

  /** The local weights file asked for ({@code weights=path}). */
  public Optional<Path> weightsFile() {
    return Optional.ofNullable(weightsFile);
  }

  /**
   * True once the weights asked for are in the model; false while they are pending (or when none
   * were asked for).
   */
  public boolean weightsLoaded() {
    return weightsLoaded;
  }

  void markWeightsLoaded() {
    weightsLoaded = true;
  }
}
