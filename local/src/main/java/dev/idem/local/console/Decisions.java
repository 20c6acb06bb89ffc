package dev.idem.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The idempotency library's decisions, read from the lines its {@code EmfMetricsListener} writes
 * (one JSON object a line, {@code "message":"idempotency decision"}, with {@code decision}, {@code
 * keyHash} and {@code KeyPrefix}): what the library decided in one invocation, never the raw key.
 */
final class Decisions {

  /** What every decision line holds, and nothing else does. */
  static final String MARKER = "\"message\":\"idempotency decision\"";

  /**
   * One decision.
   *
   * @param decision e.g. {@code FIRST_EXECUTION}, {@code REPLAY}
   * @param keyHash the hash of the key's record id, as the library logs it
   * @param keyPrefix the key's prefix (the operation), e.g. {@code PlaceOrder}
   */
  record Decision(String decision, String keyHash, String keyPrefix) {

    /** The decision in words, e.g. {@code replayed the stored response}. */
    String words() {
      return switch (decision) {
        case "FIRST_EXECUTION" -> "first execution: the work ran";
        case "LEASE_TAKEOVER" -> "lease takeover: an expired holder's key was taken over";
        case "REPLAY" -> "replay: the stored response was returned, the work did not run";
        case "CACHE_HIT" -> "cache hit: the response came from this instance's cache";
        case "IN_FLIGHT" -> "in flight: another invocation holds the key";
        case "PAYLOAD_MISMATCH" -> "mismatch: the key came with another payload";
        case "RELEASED" -> "released: the work failed and the key was freed for a retry";
        case "LEASE_LOST" -> "lease lost: another invocation took the key over";
        case "COMPLETION_FAILED" -> "completion failed: the result could not be stored";
        default -> decision.toLowerCase(Locale.ROOT).replace('_', ' ');
      };
    }
  }

  private Decisions() {}

  /** The decision lines among {@code log}'s lines, joined by newlines ("" when none). */
  static String lines(String log) {
    if (log == null || !log.contains(MARKER)) {
      return "";
    }
    StringBuilder kept = new StringBuilder();
    for (String line : log.split("\n")) {
      if (line.contains(MARKER)) {
        kept.append(line.strip()).append('\n');
      }
    }
    return kept.toString();
  }

  /** Adds each decision to {@code array} as {@code {decision, keyHash, keyPrefix, words}}. */
  static void addTo(com.fasterxml.jackson.databind.node.ArrayNode array, List<Decision> decisions) {
    for (Decision decision : decisions) {
      array
          .addObject()
          .put("decision", decision.decision())
          .put("keyHash", decision.keyHash())
          .put("keyPrefix", decision.keyPrefix())
          .put("words", decision.words());
    }
  }

  /** The decisions in {@code lines}; a line that is not a decision's JSON is skipped. */
  static List<Decision> parse(String lines) {
    List<Decision> decisions = new ArrayList<>();
    if (lines == null || lines.isEmpty()) {
      return decisions;
    }
    for (String line : lines.split("\n")) {
      int start = line.indexOf('{');
      if (start < 0 || !line.contains(MARKER)) {
        continue;
      }
      try {
        JsonNode node = AwsJson.MAPPER.readTree(line.substring(start));
        if (node != null && node.hasNonNull("decision")) {
          decisions.add(
              new Decision(
                  node.path("decision").asText(),
                  node.path("keyHash").asText(null),
                  node.path("KeyPrefix").asText(null)));
        }
      } catch (IOException e) {
        // a line cut short or mixed with other output: not a decision we can read
      }
    }
    return decisions;
  }
}
