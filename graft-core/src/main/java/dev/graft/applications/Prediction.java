package dev.graft.applications;

/**
 * One of the top classes of an image, as Keras's {@code decode_predictions} tuples.
 *
 * @param classIndex the class's index in the prediction vector
 * @param wnid its WordNet id, e.g. {@code n01440764}
 * @param description its description, e.g. {@code tench}
 * @param score the model's output for it
 */
public record Prediction(int classIndex, String wnid, String description, float score) {}
