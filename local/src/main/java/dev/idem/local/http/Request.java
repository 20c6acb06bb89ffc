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
 * @param rawPath the path as the client sent it, percent-encoding kept, e.g. {@code
 *     /users/a%2Bb@x.com}
 */
public record Request(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String rawPath) {

  /**
   * Copies the headers into a case-insensitive map that keeps each name as first written, and the
   * values of names that differ only in case under that first name.
   */
  public Request {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      List<String> merged = new java.util.ArrayList<>(copy.getOrDefault(name, List.of()));
      merged.addAll(values);
      copy.put(name, List.copyOf(merged));
    });
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body;
    rawPath = rawPath == null ? path : rawPath;
  }

  /** A request whose path needed no encoding: the raw path is the path. */
  public Request(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this(method, path, rawQuery, headers, body, path);
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
