package dev.graft.cli;

/**
 * An error the user can fix (a missing folder or file, a bad option value, data not available
 * offline): {@code graft} prints its message, one sentence, and exits with {@link
 * GraftCommand#EXIT_USER_ERROR}, without a stack trace unless {@code --debug} is given.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message says what is wrong and what to do. */
  public UserError(String message) {
    super(message);
  }

  /** The same, keeping the exception that revealed it for {@code --debug}. */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
