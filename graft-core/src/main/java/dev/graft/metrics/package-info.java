/** Stateful training metrics with Keras's names and semantics. */
package dev.graft.metrics;
