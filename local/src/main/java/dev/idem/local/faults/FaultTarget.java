package dev.idem.local.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fault would strike: the values of the match fields at one hop (a call's service and
 * operation, the function, the queue...), a description for the fault log, and the request or
 * invocation id that log line carries.
 *
 * {@snippet :
 * FaultTarget target =
 *     FaultTarget.builder("req-1").put("service", "dynamodb").put("operation", "PutItem").build();
 * }
 */
public final class FaultTarget {

  private final Map<String, List<String>> fields;
  private final String requestId;

  private FaultTarget(Map<String, List<String>> fields, String requestId) {
    this.fields = fields;
    this.requestId = requestId;
  }

  /** A builder; {@code requestId} may be null. */
  public static Builder builder(String requestId) {
    return new Builder(requestId);
  }

  /** The request or invocation id the fault log names, or null. */
  public String requestId() {
    return requestId;
  }

  /** The value of a field, or null (the first, for fields with several values). */
  public String get(String field) {
    List<String> values = fields.get(field);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether the field has this value (a name; an ARN or URL given is reduced to its name). */
  boolean has(String field, String value) {
    List<String> values = fields.get(field);
    return values != null && values.contains(Names.of(field, value));
  }

  /** The fields as {@code service=dynamodb operation=PutItem ...}, for the fault log. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    fields.forEach((field, values) -> {
      if (!values.isEmpty()) {
        parts.add(field + "=" + String.join(",", values));
      }
    });
    return String.join(" ", parts);
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Collects the fields; null values are left out. */
  public static final class Builder {
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final String requestId;

    private Builder(String requestId) {
      this.requestId = requestId;
    }

    /** Adds a field's value (a name, or an ARN or URL reduced to its name); null is skipped. */
    public Builder put(String field, String value) {
      Objects.requireNonNull(field, "field");
      if (value != null && !value.isEmpty()) {
        fields.computeIfAbsent(field, f -> new ArrayList<>()).add(Names.of(field, value));
      }
      return this;
    }

    /** Adds every value of a field with several (the tables of a transaction). */
    public Builder putAll(String field, Iterable<String> values) {
      values.forEach(value -> put(field, value));
      return this;
    }

    /** The target. */
    public FaultTarget build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      fields.forEach((field, values) -> copy.put(field, List.copyOf(values)));
      return new FaultTarget(copy, requestId);
    }
  }
}
