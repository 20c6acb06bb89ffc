package dev.idem.local.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request, fully read.
 *
 * @param method the method, upper case
 * @param path the decoded path, e.g. {@code /orders/42}
 * @param rawQuery the raw query string without {@code ?}, or null
 * @param headers the headers, names case-insensitive
 * @param body the body bytes (empty when none)
 */
public record Request(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  public Request {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, in any letter case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
