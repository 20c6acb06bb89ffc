package dev.idem.bench;

import java.util.List;
import java.util.Map;

/**
 * What the auditor's clients did with one {@code Idempotency-Key}: the order they asked for and
 * every answer that ended an attempt.
 *
 * @param key the key (also sent as {@code X-Correlation-Id}, so the order row names it)
 * @param quantities units per SKU the order asked for
 * @param orderIds the order id of each 201 answer, first to last: one for a key sent once, two for
 *     a key sent again after its answer
 * @param refusals answers that the clients do not retry (a 4xx other than 409 and 429), as {@code
 *     "<status> <body>"}
 */
record Submission(
    String key, Map<String, Long> quantities, List<String> orderIds, List<String> refusals) {

  Submission {
    quantities = Map.copyOf(quantities);
    orderIds = List.copyOf(orderIds);
    refusals = List.copyOf(refusals);
  }

  /** Whether some POST with the key was answered 201. */
  boolean answered() {
    return !orderIds.isEmpty();
  }
}
