package dev.idem.functions.common;

import java.net.URI;
import java.util.Map;

/**
 * Reads one function's environment. Each function's {@code …Config.fromEnv(Map)} uses it; nothing
 * else reads environment variables, so tests and the local cloud give each function its own.
 */
public record Env(Map<String, String> variables) {

  public Env {
    variables = Map.copyOf(variables);
  }

  /**
   * The value of a variable that must be set.
   *
   * @throws IllegalStateException naming the missing variable
   */
  public String required(String name) {
    String value = variables.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "Environment variable " + name + " is not set; the function's template must define it");
    }
    return value;
  }

  /** The value of a variable, or {@code fallback} when unset or blank. */
  public String optional(String name, String fallback) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * A variable holding an absolute http(s) URL.
   *
   * @throws IllegalStateException when missing or not such a URL
   */
  public URI requiredUrl(String name) {
    String value = required(name);
    try {
      URI uri = URI.create(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Environment variable " + name + " must be an http(s) URL, got " + value, e);
    }
  }
}
