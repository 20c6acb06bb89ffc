package dev.idem.bench;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object on one line, keys in insertion order: the machine-readable summary that a
 * benchmark prints last. Values are numbers, strings, or objects of numbers.
 */
final class JsonLine {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  /**
   * Adds a number, written in its shortest plain form ({@code 3}, not {@code 3.0}).
   *
   * @throws IllegalArgumentException if the number is NaN or infinite, which JSON cannot hold
   */
  JsonLine number(String key, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(key + " is " + value + ", which JSON cannot hold");
    }
    fields.put(key, BigDecimal.valueOf(value).stripTrailingZeros());
    return this;
  }

  /** Adds a string. */
  JsonLine string(String key, String value) {
    fields.put(key, value);
    return this;
  }

  /** Whether it has {@code key}. */
  boolean has(String key) {
    return fields.containsKey(key);
  }

  /** Adds an object of whole numbers, keys in the map's order. */
  JsonLine object(String key, Map<String, Long> counts) {
    JsonLine inner = new JsonLine();
    counts.forEach((name, count) -> inner.number(name, count));
    fields.put(key, inner);
    return this;
  }

  /** The object on one line. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    fields.forEach((key, value) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      quote(key, out);
      out.append(':');
      if (value instanceof BigDecimal number) {
        out.append(number.signum() == 0 ? "0" : number.toPlainString());
      } else if (value instanceof JsonLine object) {
        out.append(object);
      } else {
        quote((String) value, out);
      }
    });
    return out.append('}').toString();
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
