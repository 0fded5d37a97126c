package dev.graft.data.image;

import dev.graft.data.FileDataset;

/**
 * The training and validation datasets of one folder, Keras's {@code subset="both"} pair.
 *
 * @param training the first part of the (shuffled) file list
 * @param validation the last {@code int(validationSplit * n)} files
 * @param <T> the element type
 */
public record TrainValidation<T>(FileDataset<T> training, FileDataset<T> validation) {}
