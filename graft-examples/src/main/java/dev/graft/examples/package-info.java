/** Runnable examples; {@link dev.graft.examples.Demo} is the README's first command. */
package dev.graft.examples;
