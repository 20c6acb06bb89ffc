package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.testing.LocalAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * PutEvents entries: the full event JSON that rules match (validated by {@link EventValidation}).
 */
final class EventEntries {

  private EventEntries() {}

  /** The event as rules see it and targets receive it. */
  static ObjectNode event(JsonNode entry, Instant now) {
    ObjectNode event = AwsJson.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", entry.path("DetailType").asText());
    event.put("source", entry.path("Source").asText());
    event.put("account", LocalAccount.ID);
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(time(entry, now)));
    event.put("region", LocalAccount.REGION);
    ArrayNode resources = event.putArray("resources");
    entry.path("Resources").forEach(resources::add);
    event.set("detail", EventValidation.parse(entry.path("Detail").asText()));
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
}
