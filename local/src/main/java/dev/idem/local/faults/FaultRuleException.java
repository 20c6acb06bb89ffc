package dev.idem.local.faults;

/**
 * A fault rule that cannot be used; the message names the field, e.g. {@code rules[1].probability}.
 */
public final class FaultRuleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  FaultRuleException(String message) {
    super(message);
  }
}
