/**
 * Learning-rate schedules: functions of the optimizer's iteration count, as Keras's {@code
 * keras.optimizers.schedules}. Pass one to an optimizer builder in place of a constant rate.
 */
package dev.graft.optimizers.schedules;
