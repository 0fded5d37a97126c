/**
 * Activation layers with settings: {@link dev.graft.layers.activation.ReLU}, {@link
 * dev.graft.layers.activation.LeakyReLU}, {@link dev.graft.layers.activation.Softmax}. Named
 * activations without settings are {@link dev.graft.layers.core.Activation}.
 */
package dev.graft.layers.activation;
