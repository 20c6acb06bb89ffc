package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsError;
import dev.idem.local.aws.AwsJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What EventBridge refuses in a request, answered as AWS answers it. Two kinds of refusal: the
 * whole call fails (HTTP 400, a {@link AwsError}), as AWS's request validation fails it with {@code
 * N validation error(s) detected: Value '...' at 'member' failed to satisfy constraint: ...}; or,
 * in PutEvents, one entry fails with its {@code ErrorCode} and {@code ErrorMessage} while the call
 * answers 200.
 *
 * <p>The messages are those AWS recorded in LocalStack's AWS-validated snapshots
 * (tests/aws/services/events/*.snapshot.json) where one exists; the constraints are those of the
 * EventBridge API reference. Event patterns are validated by event-ruler (see {@link EventBus}),
 * whose messages AWS passes on.
 */
final class EventValidation {

  /** The request may hold 1 to 10 PutEvents entries (API reference, PutEvents). */
  static final int MAX_ENTRIES = 10;

  /** The entries of one PutEvents request together must be smaller (user guide, entry size). */
  static final int MAX_REQUEST_BYTES = 256 * 1024;

  /** Targets one rule may have (EventBridge quotas). */
  static final int MAX_TARGETS_PER_RULE = 5;

  private static final String NAME_PATTERN = "[\\.\\-_A-Za-z0-9]+";
  private static final int MAX_NAME_LENGTH = 64;
  private static final List<String> RULE_STATES =
      List.of("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  private static final Set<String> EVENT_FIELDS =
      Set.of("id", "account", "source", "time", "region", "detail-type");

  private EventValidation() {}

  /**
   * Fails the whole PutEvents call: no entries, more than 10, or entries together of 256 KB or more
   * (sized as the user guide's "Calculating PutEvents event entry size" says).
   */
  static void putEvents(JsonNode body) {
    JsonNode entries = body.get("Entries");
    Violations violations = new Violations();
    if (entries == null || entries.isNull()) {
      violations.add(null, "entries", "Member must not be null");
    } else if (entries.isEmpty()) {
      violations.add("[]", "entries", "Member must have length greater than or equal to 1");
    } else if (entries.size() > MAX_ENTRIES) {
      List<String> listed = new ArrayList<>();
      entries.forEach(entry -> listed.add(describe(entry)));
      violations.add(
          "[" + String.join(", ", listed) + "]",
          "entries",
          "Member must have length less than or equal to " + MAX_ENTRIES);
    }
    violations.failIfAny();
    long total = 0;
    for (JsonNode entry : entries) {
      total += size(entry);
    }
    if (total >= MAX_REQUEST_BYTES) {
      throw AwsError.validation("Total size of the entries in the request is over the limit.");
    }
  }

  /** Why one PutEvents entry fails, as {ErrorCode, ErrorMessage}, or null when it is valid. */
  static String[] entry(JsonNode entry) {
    for (String field : new String[] {"Source", "DetailType", "Detail"}) {
      if (entry.path(field).asText("").isBlank()) {
        return new String[] {
          "InvalidArgument",
          "Parameter " + field + " is not valid. Reason: " + field + " is a required argument."
        };
      }
    }
    JsonNode detail = parse(entry.path("Detail").asText());
    if (detail == null || !detail.isObject()) {
      return new String[] {"MalformedDetail", "Detail is malformed."};
    }
    if (entry.path("Time").isTextual() && !isInstant(entry.path("Time").asText())) {
      return new String[] {"InvalidArgument", "Parameter Time is not valid: " + entry.path("Time")};
    }
    return null;
  }

  /** Fails PutRule for its name (1 to 64 of {@code [.-_A-Za-z0-9]}) or an unknown State. */
  static void putRule(JsonNode body) {
    Violations violations = new Violations();
    name(violations, body.get("Name"), "name");
    JsonNode state = body.get("State");
    if (state != null && !state.isNull() && !RULE_STATES.contains(state.asText())) {
      violations.add(state.asText(), "state", "Member must satisfy enum value set: " + RULE_STATES);
    }
    violations.failIfAny();
  }

  /**
   * Fails PutTargets for a rule name or target Id AWS would not take, or a target without Id or
   * Arn.
   */
  static void putTargets(JsonNode body) {
    Violations violations = new Violations();
    name(violations, body.get("Rule"), "rule");
    JsonNode targets = body.path("Targets");
    int index = 1;
    for (JsonNode target : targets) {
      String member = "targets." + index++ + ".member.";
      name(violations, target.get("Id"), member + "id");
      JsonNode arn = target.get("Arn");
      if (arn == null || arn.isNull()) {
        violations.add(null, member + "arn", "Member must not be null");
      }
    }
    violations.failIfAny();
  }

  /** Fails PutTargets that would leave the rule with more than 5 targets, adding none. */
  static void targetCount(int targets) {
    if (targets > MAX_TARGETS_PER_RULE) {
      throw new AwsError(
          400,
          "LimitExceededException",
          "The requested resource exceeds the maximum number allowed.");
    }
  }

  /**
   * Fails TestEventPattern for an Event that is not a JSON object holding the fields every event
   * has ({@code id}, {@code account}, {@code source}, {@code time}, {@code region}, {@code
   * detail-type}).
   */
  static void testEvent(String event) {
    JsonNode parsed = parse(event);
    boolean complete = parsed != null && parsed.isObject();
    for (String field : EVENT_FIELDS) {
      complete = complete && parsed.has(field);
    }
    if (!complete) {
      throw AwsError.validation("Parameter Event is not valid.");
    }
  }

  private static void name(Violations violations, JsonNode value, String member) {
    if (value == null || value.isNull()) {
      violations.add(null, member, "Member must not be null");
      return;
    }
    String name = value.asText();
    if (name.isEmpty()) {
      violations.add(name, member, "Member must have length greater than or equal to 1");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      violations.add(
          name, member, "Member must have length less than or equal to " + MAX_NAME_LENGTH);
    }
    if (!name.isEmpty() && !name.matches(NAME_PATTERN)) {
      violations.add(
          name, member, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
    }
  }

  /** An entry as AWS's validation message lists it: the Java form of its request entry. */
  private static String describe(JsonNode entry) {
    return "PutEventsRequestEntry(time="
        + raw(entry, "Time")
        + ", source="
        + raw(entry, "Source")
        + ", resources="
        + resources(entry)
        + ", detailType="
        + raw(entry, "DetailType")
        + ", detail="
        + raw(entry, "Detail")
        + ", eventBusName="
        + raw(entry, "EventBusName")
        + ", traceHeader="
        + raw(entry, "TraceHeader")
        + ", kmsKeyIdentifier=null, internalMetadata=null)";
  }

  private static String raw(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? "null" : value.asText();
  }

  private static String resources(JsonNode entry) {
    JsonNode resources = entry.get("Resources");
    if (resources == null || resources.isNull()) {
      return "null";
    }
    List<String> listed = new ArrayList<>();
    resources.forEach(resource -> listed.add(resource.asText()));
    return listed.toString();
  }

  /** The entry's size as EventBridge counts it: Time as 14 bytes, the rest as UTF-8. */
  static long size(JsonNode entry) {
    long size = entry.hasNonNull("Time") ? 14 : 0;
    for (String field : new String[] {"Source", "DetailType", "Detail"}) {
      size += utf8(entry.path(field).asText(""));
    }
    for (JsonNode resource : entry.path("Resources")) {
      size += utf8(resource.asText());
    }
    return size;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  static JsonNode parse(String json) {
    try {
      return json == null ? null : AwsJson.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Constraint failures of one request, in the order AWS lists them. */
  private static final class Violations {
    private final List<String> found = new ArrayList<>();

    void add(String value, String member, String constraint) {
      String shown = value == null ? "Value null" : "Value '" + value + "'";
      found.add(shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    void failIfAny() {
      if (found.isEmpty()) {
        return;
      }
      String count = found.size() == 1 ? "1 validation error" : found.size() + " validation errors";
      throw AwsError.validation(count + " detected: " + String.join("; ", found));
    }
  }
}
