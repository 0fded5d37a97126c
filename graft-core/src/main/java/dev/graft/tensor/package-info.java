/**
 * Float32 tensors ({@link dev.graft.tensor.Tensor}, {@link dev.graft.tensor.Shape}), seeded random
 * creation ({@link dev.graft.tensor.Rng}) and the op facade {@link dev.graft.tensor.Ops}, whose
 * primitives each carry one gradient rule.
 */
package dev.graft.tensor;
