package dev.graft.cli.demo;

import dev.graft.training.History;

/**
 * The three test accuracies for one labelled-subset seed (fractions in [0, 1]), the training
 * histories of feature extraction and fine-tuning, and the seconds each variant took (training and
 * evaluation).
 */
public record SeedResult(
    long seed,
    double scratchAccuracy,
    double featureExtractionAccuracy,
    double fineTuneAccuracy,
    History featureExtractionHistory,
    History fineTuneHistory,
    double scratchSeconds,
    double featureExtractionSeconds,
    double fineTuneSeconds) {}
