package dev.idem.functions.fulfilment;

import dev.idem.functions.common.Env;
import java.time.Duration;

/** How long a consumer waits for an external provider, from its environment. */
public final class ProviderTimeouts {

  /** The wait when the environment does not say: two seconds. */
  public static final Duration DEFAULT = Duration.ofSeconds(2);

  private ProviderTimeouts() {}

  /**
   * The timeout in the variable {@code name}, in milliseconds, or {@link #DEFAULT} when unset.
   *
   * @throws IllegalStateException naming the variable when it is not a positive whole number
   */
  public static Duration fromEnv(Env env, String name) {
    String value = env.optional(name, null);
    if (value == null) {
      return DEFAULT;
    }
    try {
      long millis = Long.parseLong(value.strip());
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalStateException(
        "Environment variable "
            + name
            + " must be a positive number of milliseconds, got "
            + value);
  }
}
