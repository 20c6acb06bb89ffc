package dev.idem.bench;

import java.util.Objects;

/**
 * One invariant that did not hold, as the exactly-once auditor prints it: which counter it adds to,
 * the order (or SKU, queue, record) it concerns, what the design expects and what was found.
 *
 * @param counter the counter of the report's JSON line it adds one to
 * @param subject the order id, or for stock the SKU, for a dead letter the queue, for an
 *     idempotency record its key
 * @param expected what should hold
 * @param found what the tables, queues or ledgers hold instead
 */
record Violation(Counter counter, String subject, String expected, String found) {

  /** The counters violations add to, each a key of the report's JSON line. */
  enum Counter {
    /** A key was answered 201 with an order that is not in the Orders table. */
    LOST_ORDERS("lost_orders"),
    /** More than one order for one {@code Idempotency-Key}: one per extra order. */
    DUPLICATE_ORDERS("duplicate_orders"),
    /** An order whose key (its correlation id) no client sent. */
    UNKNOWN_ORDERS("unknown_orders"),
    /** A 201 for a key that named another order than the key's order. */
    REPLAY_MISMATCHES("replay_mismatches"),
    /** A key the clients could not get answered 201 (a 4xx other than 409 and 429, or never). */
    UNANSWERED_KEYS("unanswered_keys"),
    /** An order left PLACED or half-way, not in a terminal state. */
    UNSETTLED_ORDERS("unsettled_orders"),
    /** A second (third...) charge applied for one order: one per extra charge. */
    DUPLICATE_CHARGES("duplicate_charges"),
    /** A charge applied for an order that is not paid, or not in the table. */
    UNEXPECTED_CHARGES("unexpected_charges"),
    /** A paid order without a charge at the provider. */
    MISSING_CHARGES("missing_charges"),
    /** A charge whose amount is not the order's total, or whose id is not its payment id. */
    CHARGE_MISMATCHES("charge_mismatches"),
    /** A SKU whose final stock is not its initial stock less what reserved orders took. */
    STOCK_MISMATCHES("stock_mismatches"),
    /** A transition of an order that no event on the bus announced. */
    MISSING_EVENTS("missing_events"),
    /** A transition announced under more than one event id: one per extra id. */
    DUPLICATE_EVENTS("duplicate_events"),
    /** An event on the bus for a transition the order did not make. */
    UNEXPECTED_EVENTS("unexpected_events"),
    /** A notifying event (Payment*, Inventory*) without its message at the provider. */
    MISSING_NOTIFICATIONS("missing_notifications"),
    /** More than one message for one event of an order: one per extra message. */
    DUPLICATE_NOTIFICATIONS("duplicate_notifications"),
    /** A message for an event that was never announced. */
    UNEXPECTED_NOTIFICATIONS("unexpected_notifications"),
    /** An idempotency record still IN_PROGRESS after its lease passed. */
    STUCK_IN_PROGRESS("stuck_in_progress"),
    /** A message in a dead-letter queue. */
    DLQ_MESSAGES("dlq_messages"),
    /** A message still in a queue that a function consumes. */
    QUEUED_MESSAGES("queued_messages");

    private final String key;

    Counter(String key) {
      this.key = key;
    }

    /** Its key in the report's JSON line, e.g. {@code lost_orders}. */
    String key() {
      return key;
    }
  }

  Violation {
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(subject, "subject");
  }

  /** One line: {@code duplicate_charges o-1: expected one charge, found 2 (ch_1, ch_7)}. */
  @Override
  public String toString() {
    return counter.key() + " " + subject + ": expected " + expected + ", found " + found;
  }
}
