/**
 * The {@code graft} command line ({@link dev.graft.cli.GraftCommand}): picocli subcommands sharing
 * one error policy ({@link dev.graft.cli.UserError}: one sentence and exit code 2; anything else:
 * exit code 1; {@code --debug} prints stack traces).
 */
package dev.graft.cli;
