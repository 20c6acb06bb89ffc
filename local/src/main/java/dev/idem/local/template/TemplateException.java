package dev.idem.local.template;

/**
 * A template the local cloud cannot read or resolve: invalid YAML, a reference to something that
 * does not exist, a parameter without a value, a condition loop. The message names the resource and
 * property at fault.
 */
public final class TemplateException extends RuntimeException {

  /** Creates the exception with a message naming what is wrong and where. */
  public TemplateException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
