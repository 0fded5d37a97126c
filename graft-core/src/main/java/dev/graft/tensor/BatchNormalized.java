package dev.graft.tensor;

/**
 * What {@link Ops#batchNormalization} returns: the normalized output (on the tape) and the batch's
 * per-channel mean and population variance, plain values for the layer's moving averages (no
 * gradient flows through them).
 */
public record BatchNormalized(Tensor output, Tensor mean, Tensor variance) {}
