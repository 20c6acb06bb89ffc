package dev.idem.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the reference system holds once it has settled, read from the outside as an operator would:
 * the Orders, Inventory and idempotency tables, the providers' ledgers, the domain events seen on
 * the bus, and the queues. Never the functions' own logs. Pure data: {@link ObservedReader} reads
 * it, {@link Invariants} judges it.
 *
 * @param orders every order row, by order id
 * @param stock every SKU's {@code available} units
 * @param inProgress the idempotency records whose status is {@code INPROGRESS}
 * @param charges the payment provider's ledger: one entry per {@code Idempotency-Key} applied
 * @param messages the notification provider's ledger: one entry per key applied
 * @param events every delivery of a domain event to the auditor's queue (duplicates included)
 * @param deadLetters the messages in each dead-letter queue, by queue name (empty queues left out)
 * @param workQueues the messages (visible, in flight or delayed) in each queue a function consumes
 * @param at when the reading ended
 */
record Observed(
    Map<String, OrderRow> orders,
    Map<String, Long> stock,
    List<Lease> inProgress,
    List<Charge> charges,
    List<Message> messages,
    List<BusEvent> events,
    Map<String, DeadLetters> deadLetters,
    Map<String, Long> workQueues,
    Instant at) {

  Observed {
    orders = Map.copyOf(orders);
    stock = Map.copyOf(stock);
    inProgress = List.copyOf(inProgress);
    charges = List.copyOf(charges);
    messages = List.copyOf(messages);
    events = List.copyOf(events);
    deadLetters = Map.copyOf(deadLetters);
    workQueues = Map.copyOf(workQueues);
  }

  /** Order statuses and inventory states as the reference system names them. */
  static final String PLACED = "PLACED";

  static final String PAID = "PAID";
  static final String PAYMENT_FAILED = "PAYMENT_FAILED";
  static final String FULFILLED = "FULFILLED";
  static final String CANCELLED = "CANCELLED";
  static final String RESERVED = "RESERVED";
  static final String REJECTED = "REJECTED";

  /**
   * One row of the Orders table.
   *
   * @param orderId its id
   * @param key the {@code Idempotency-Key} it was placed under: the auditor's clients send the key
   *     as {@code X-Correlation-Id}, which the order keeps as its {@code correlationId}
   * @param status PLACED, PAID, PAYMENT_FAILED, FULFILLED or CANCELLED
   * @param inventory PENDING, RESERVED or REJECTED
   * @param paymentId the provider's charge id once paid, else null
   * @param total the order's total in minor units
   * @param quantities units per SKU over its lines
   * @param createdAt when it was placed
   * @param updatedAt when it last changed
   */
  record OrderRow(
      String orderId,
      String key,
      String status,
      String inventory,
      String paymentId,
      long total,
      Map<String, Long> quantities,
      Instant createdAt,
      Instant updatedAt) {

    OrderRow {
      quantities = Map.copyOf(quantities);
    }

    /**
     * Whether nothing more will happen to it, as the reference system's transitions define it:
     * FULFILLED (paid, stock RESERVED), CANCELLED (stock REJECTED, paid or not), or PAYMENT_FAILED
     * with its stock RESERVED (a later rejection would have made it CANCELLED). Anything else — a
     * PLACED order, a PAID one, one whose inventory is still PENDING — is half-way.
     */
    boolean terminal() {
      return switch (status) {
        case FULFILLED -> RESERVED.equals(inventory) && paymentId != null;
        case CANCELLED -> REJECTED.equals(inventory);
        case PAYMENT_FAILED -> RESERVED.equals(inventory);
        default -> false;
      };
    }

    /** {@code FULFILLED/RESERVED/paid}: its state in one word for reports. */
    String state() {
      return status + "/" + inventory + (paymentId != null ? "/paid" : "");
    }
  }

  /**
   * An idempotency record in progress.
   *
   * @param id its key ({@code prefix#hash})
   * @param leaseExpiry when its lease ends ({@code in_progress_expiration})
   */
  record Lease(String id, Instant leaseExpiry) {}

  /**
   * One entry of the payment provider's ledger.
   *
   * @param id the provider's charge id (null for a declined charge)
   * @param key its {@code Idempotency-Key}
   * @param orderId the order the body names
   * @param amount the amount the body names
   * @param status the provider's answer: 201 charged, 402 declined
   */
  record Charge(String id, String key, String orderId, long amount, int status) {

    /** Whether money was taken. */
    boolean applied() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * One entry of the notification provider's ledger.
   *
   * @param id the provider's message id
   * @param key its {@code Idempotency-Key}
   * @param orderId the order the body names
   * @param template the event type the message is about
   * @param eventId the event the body names
   */
  record Message(String id, String key, String orderId, String template, String eventId) {}

  /**
   * One delivery of a domain event to the auditor's queue.
   *
   * @param eventId the event's own id ({@code detail.metadata.eventId}), stable across redeliveries
   *     and republishing
   * @param detailType e.g. {@code OrderPlaced}
   * @param orderId {@code detail.data.orderId}
   */
  record BusEvent(String eventId, String detailType, String orderId) {}

  /**
   * What a dead-letter queue holds.
   *
   * @param count its messages (visible, in flight or delayed)
   * @param bodies some of their bodies, to show
   */
  record DeadLetters(long count, List<String> bodies) {
    DeadLetters {
      bodies = List.copyOf(bodies);
    }
  }
}
