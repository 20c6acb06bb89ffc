package dev.idem.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation shared by the event records; messages name the field so a bad event is easy to fix.
 */
final class Checks {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private Checks() {}

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static String currency(String value) {
    if (value == null || !CURRENCY.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "currency must be an ISO-4217 code of three capital letters, got " + value);
    }
    return value;
  }

  static long notNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " must be zero or more (minor units), got " + value);
    }
    return value;
  }

  static int positive(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
    return value;
  }

  static <T> List<T> nonEmpty(List<T> values, String field) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(field + " needs at least one element");
    }
    return List.copyOf(values);
  }
}
