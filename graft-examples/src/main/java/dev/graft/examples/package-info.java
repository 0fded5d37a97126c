/**
 * Runnable examples; {@link dev.graft.examples.Demo} is the README's first command. The others
 * follow the Keras transfer-learning guide block by block and print what its Python code prints:
 * {@link dev.graft.examples.TrainableWeights}, {@link dev.graft.examples.FrozenWeightsStayFixed},
 * {@link dev.graft.examples.RecursiveTrainable}; {@link dev.graft.examples.DataPipeline} follows
 * its data preparation (split, resize, cache, batch, prefetch, image grids).
 */
package dev.graft.examples;
