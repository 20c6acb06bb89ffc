package dev.idem.local.stubs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HTTP stub a project declares: a stand-in for an external provider (a payment gateway, a
 * message sender) that records what it was asked, honours {@code Idempotency-Key} as real providers
 * do, and lists what it applied ({@code GET <path>}).
 *
 * @param name its name, in the banner and in fault rules ({@code "stub": "payments"})
 * @param port its port; 0 picks a free one
 * @param idPrefix the ids it answers with look like {@code <idPrefix>_1}
 * @param parameter the template parameter that receives its URL (when the user gives it no value),
 *     or null
 */
public record StubSpec(String name, int port, String idPrefix, String parameter) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Checks the components. */
  public StubSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(idPrefix, "idPrefix");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "stub name '" + name + "' must be 1-64 letters, digits, '-' or '_'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "stub " + name + ": port " + port + " is outside 0..65535");
    }
  }

  /** This stub on another port. */
  public StubSpec withPort(int newPort) {
    return new StubSpec(name, newPort, idPrefix, parameter);
  }
}
