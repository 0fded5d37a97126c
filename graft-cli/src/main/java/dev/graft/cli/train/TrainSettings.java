package dev.graft.cli.train;

/**
 * The settings of one {@code graft train} run, kept in its state file so that {@code --resume}
 * continues with exactly them.
 */
record TrainSettings(
    String data,
    String base,
    String weights,
    int imageSize,
    int batchSize,
    double validationSplit,
    int epochs,
    int fineTuneEpochs,
    double learningRate,
    double fineTuneLearningRate,
    String augment,
    long seed,
    int patience) {}
