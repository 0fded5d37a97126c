package dev.graft.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.cli.UserError;
import dev.graft.saving.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code graft train} run stands, written atomically after every epoch (after that epoch's
 * checkpoint): the settings, the phase (1 feature extraction, 2 fine-tuning), the epochs done in
 * all, each epoch's logs and the time spent per phase. {@code --resume} reads it.
 *
 * @param phase1Epochs the number of epochs phase 1 ran, once it is over; -1 before
 */
record TrainState(
    TrainSettings settings,
    List<String> classNames,
    String baseLayer,
    int phase,
    int epochsDone,
    int phase1Epochs,
    List<Map<String, Double>> epochLogs,
    double phase1Seconds,
    double phase2Seconds,
    boolean finished) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TrainState start(TrainSettings settings, List<String> classNames, String baseLayer) {
    return new TrainState(settings, classNames, baseLayer, 1, 0, -1, List.of(), 0, 0, false);
  }

  /** After one more epoch of the current phase, which took {@code seconds}. */
  TrainState afterEpoch(Map<String, Double> logs, double seconds) {
    List<Map<String, Double>> all = new ArrayList<>(epochLogs);
    all.add(Map.copyOf(logs));
    return new TrainState(
        settings,
        classNames,
        baseLayer,
        phase,
        epochsDone + 1,
        phase1Epochs,
        all,
        phase1Seconds + (phase == 1 ? seconds : 0),
        phase2Seconds + (phase == 2 ? seconds : 0),
        false);
  }

  /** Phase 1 is over: fine-tuning starts at the next epoch. */
  TrainState startFineTuning() {
    return new TrainState(
        settings,
        classNames,
        baseLayer,
        2,
        epochsDone,
        epochsDone,
        epochLogs,
        phase1Seconds,
        phase2Seconds,
        false);
  }

  TrainState finish() {
    return new TrainState(
        settings,
        classNames,
        baseLayer,
        phase,
        epochsDone,
        phase1Epochs < 0 ? epochsDone : phase1Epochs,
        epochLogs,
        phase1Seconds,
        phase2Seconds,
        true);
  }

  void write(Path file) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    AtomicFiles.replace(file, tmp -> Files.write(tmp, bytes));
  }

  static TrainState read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          "--resume: no state file "
              + file
              + "; there is no interrupted run with this --out to continue");
    }
    try {
      return JSON.readValue(file.toFile(), TrainState.class);
    } catch (IOException e) {
      throw new UserError(
          "--resume: cannot read " + file + " (" + e.getMessage() + "); start the run again", e);
    }
  }
}
