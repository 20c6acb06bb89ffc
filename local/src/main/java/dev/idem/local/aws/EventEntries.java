package dev.idem.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** PutEvents entries: per-entry validation, and the full event JSON that rules match. */
final class EventEntries {

  static final int MAX_ENTRY_BYTES = 256 * 1024;

  private EventEntries() {}

  /** Why the entry is rejected, as {ErrorCode, ErrorMessage}, or null when it is valid. */
  static String[] problem(JsonNode entry) {
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
    if (size(entry) > MAX_ENTRY_BYTES) {
      return new String[] {
        "InvalidArgument", "Entry is " + size(entry) + " bytes; the limit is 256 KB."
      };
    }
    return null;
  }

  /** The event as rules see it and targets receive it. */
  static ObjectNode event(JsonNode entry, Instant now) {
    ObjectNode event = AwsJson.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", entry.path("DetailType").asText());
    event.put("source", entry.path("Source").asText());
    event.put("account", EventBridgeService.ACCOUNT);
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(time(entry, now)));
    event.put("region", EventBridgeService.REGION);
    ArrayNode resources = event.putArray("resources");
    entry.path("Resources").forEach(resources::add);
    event.set("detail", parse(entry.path("Detail").asText()));
    return event;
  }

  private static Instant time(JsonNode entry, Instant now) {
    JsonNode time = entry.path("Time");
    Instant at = now;
    if (time.isNumber()) {
      BigDecimal seconds = time.decimalValue();
      at = Instant.ofEpochSecond(seconds.longValue());
    } else if (time.isTextual()) {
      at = Instant.parse(time.asText());
    }
    return at.truncatedTo(ChronoUnit.SECONDS);
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static int size(JsonNode entry) {
    int size = 0;
    for (String field : new String[] {"Source", "DetailType", "Detail"}) {
      size += entry.path(field).asText("").getBytes(StandardCharsets.UTF_8).length;
    }
    for (JsonNode resource : entry.path("Resources")) {
      size += resource.asText().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  private static JsonNode parse(String json) {
    try {
      return AwsJson.MAPPER.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }
}
