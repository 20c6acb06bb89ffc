package dev.idem.local.code;

/**
 * Code that cannot be resolved: nothing at the path, no build output, or dependencies that cannot
 * be resolved offline. The message says what was looked for, and where.
 */
public final class CodeLayoutException extends RuntimeException {

  /** Creates the exception with a message naming what was looked for. */
  public CodeLayoutException(String message) {
    super(message);
  }
}
