package dev.graft.training;

import dev.graft.optimizers.Optimizer;
import dev.graft.training.callbacks.Callback;
import dev.graft.training.callbacks.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns: the logs of each epoch (Keras's {@code History.history}), for example
 * {@code loss}, {@code binary_accuracy}, {@code val_loss}, and {@code learning_rate} (the
 * optimizer's rate at the end of the epoch, unless a callback logged its own).
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(5));
 * List<Double> loss = h.get("loss");   // one value per epoch
 * }</pre>
 */
public final class History implements Callback {
  private final List<Integer> epochs = new ArrayList<>();
  private final Map<String, List<Double>> history = new LinkedHashMap<>();
  private Optimizer optimizer;

  @Override
  public void setContext(TrainingContext context) {
    optimizer = context.optimizer();
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    epochs.clear();
    history.clear();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    Map<String, Double> row = new LinkedHashMap<>(logs);
    if (!row.containsKey("learning_rate") && optimizer != null) {
      row.put("learning_rate", (double) optimizer.learningRate());
    }
    for (Map.Entry<String, Double> e : row.entrySet()) {
      history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
  }

  /** The epochs that ran, counted from 0. */
  public List<Integer> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** Every logged name with its value per epoch, in the order first logged. */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** The values of {@code name} per epoch. */
  public List<Double> get(String name) {
    List<Double> v = history.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "History: nothing was logged as '" + name + "'; logged: " + history.keySet());
    }
    return List.copyOf(v);
  }

  @Override
  public String toString() {
    return "History" + history;
  }
}
