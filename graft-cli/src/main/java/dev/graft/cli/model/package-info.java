/**
 * The commands that use a trained model: {@code graft predict}, {@code evaluate} and {@code
 * summary}, and the class-name sidecar file they share with {@code graft train}.
 */
package dev.graft.cli.model;
