package dev.graft.datasets;

/** A data set's official training and test parts, as {@code keras.datasets.*.load_data()}. */
public record TrainTest(LabeledImages train, LabeledImages test) {}
