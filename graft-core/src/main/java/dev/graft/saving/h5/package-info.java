/**
 * Keras's HDF5 weights layouts: {@link dev.graft.saving.h5.Keras3WeightsFile} (the Keras 3 {@code
 * .weights.h5}, laid out by {@link dev.graft.saving.h5.Keras3Layout}), {@link
 * dev.graft.saving.h5.LegacyH5Weights} (legacy {@code .h5}, read only), and the HDF5 access they
 * share: {@link dev.graft.saving.h5.H5Reader} and {@link dev.graft.saving.h5.H5Writer} over jHDF.
 * Most code uses the facade {@link dev.graft.saving.KerasWeights} instead.
 */
package dev.graft.saving.h5;
