/**
 * Built-in data sets, like {@code keras.datasets}: {@link
 * dev.graft.datasets.Datasets#fashionMnist()} and {@link dev.graft.datasets.Datasets#mnist()}
 * return train and test images with labels.
 */
package dev.graft.datasets;
