package dev.idem.idempotency.lambda;

import java.util.Map;

/** Case-insensitive header lookup over the maps API Gateway hands over. */
final class HttpHeaders {

  private HttpHeaders() {}

  /** The value of the header {@code name}, whatever its case; null when absent. */
  static <V> V find(Map<String, V> headers, String name) {
    if (headers == null) {
      return null;
    }
    V exact = headers.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, V> header : headers.entrySet()) {
      if (name.equalsIgnoreCase(header.getKey())) {
        return header.getValue();
      }
    }
    return null;
  }

  /**
   * An idempotency key as sent: trimmed and, since the draft defines the header as a structured
   * field string, without its surrounding quotes.
   */
  static String key(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    String key = headerValue.strip();
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }

  /** The value as non-blank text, or null. */
  static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
