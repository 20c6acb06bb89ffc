package dev.idem.bench;

import dev.idem.bench.Observed.BusEvent;
import dev.idem.bench.Observed.Charge;
import dev.idem.bench.Observed.Message;
import dev.idem.bench.Observed.OrderRow;
import dev.idem.bench.Violation.Counter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The exactly-once auditor's invariants over what the clients were answered and what the system
 * holds once settled. Pure: the same inputs always give the same violations, in a stable order.
 *
 * <ol>
 *   <li><b>Keys and orders.</b> Each key the clients sent has at most one order (its rows are found
 *       by {@code correlationId}, which the clients set to the key); each key was answered 201, and
 *       every 201 for a key named the same order, which is in the table; no order has a key that no
 *       client sent.
 *   <li><b>Settled.</b> Every order is terminal ({@link OrderRow#terminal()}).
 *   <li><b>Charges.</b> Each paid order (one with a {@code paymentId}) has exactly one charge
 *       applied at the provider, whose amount is the order's total and whose id is the payment id;
 *       no other order has any. A declined charge (402) takes no money and is not a charge.
 *   <li><b>Stock.</b> For every SKU: initial stock − the units of the orders whose inventory is
 *       RESERVED = final stock, and the final stock is not negative.
 *   <li><b>Events.</b> Each transition of each order ({@link ExpectedEvents}) was announced on the
 *       bus under exactly one event id; no event announces a transition the order did not make.
 *       Deliveries of the same event id more than once are at-least-once delivery, not a violation.
 *   <li><b>Notifications.</b> Each notifying event seen on the bus has its message at the provider;
 *       at most one message per order and event type; no message for an event never announced.
 *   <li><b>Idempotency records.</b> None is IN_PROGRESS past its lease.
 *   <li><b>Queues.</b> Every dead-letter queue is empty: no fault the auditor injects is one that
 *       the design sends to a dead-letter queue (those are poison messages and permanent provider
 *       refusals; a message gets there only after 5 failed receives), so every message there is a
 *       violation, shown with its body. Every queue a function consumes is empty.
 * </ol>
 */
final class Invariants {

  private final Observed observed;
  private final List<Violation> violations = new ArrayList<>();

  private Invariants(Observed observed) {
    this.observed = observed;
  }

  /**
   * Every violation of the invariants, grouped by invariant in the order above.
   *
   * @param submissions what the clients sent and were answered, one per key
   * @param initialStock each SKU's units before the first order
   */
  static List<Violation> check(
      List<Submission> submissions, Map<String, Long> initialStock, Observed observed) {
    Invariants invariants = new Invariants(observed);
    invariants.keys(submissions);
    invariants.settled();
    invariants.charges();
    invariants.stock(initialStock);
    invariants.events();
    invariants.notifications();
    invariants.leases();
    invariants.queues();
    return List.copyOf(invariants.violations);
  }

  /** The violations counted by counter, every counter present (zero when none). */
  static Map<Counter, Long> count(List<Violation> violations) {
    Map<Counter, Long> counts = new LinkedHashMap<>();
    for (Counter counter : Counter.values()) {
      counts.put(counter, 0L);
    }
    violations.forEach(v -> counts.merge(v.counter(), 1L, Long::sum));
    return counts;
  }

  // ---------------------------------------------------------------- keys and orders

  private void keys(List<Submission> submissions) {
    Map<String, List<OrderRow>> byKey = new TreeMap<>();
    sorted(observed.orders().values())
        .forEach(row -> byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row));
    Set<String> sent = new HashSet<>();
    for (Submission submission : submissions) {
      sent.add(submission.key());
      key(submission, byKey.getOrDefault(submission.key(), List.of()));
    }
    byKey.forEach((key, rows) -> {
      if (!sent.contains(key)) {
        rows.forEach(row ->
            add(Counter.UNKNOWN_ORDERS, row.orderId(), "orders only for keys sent", "key " + key));
      }
    });
  }

  private void key(Submission submission, List<OrderRow> rows) {
    String key = submission.key();
    String first = submission.answered() ? submission.orderIds().get(0) : null;
    // The key's order is the one it was answered with; unanswered, its earliest row.
    String kept = first != null ? first : rows.isEmpty() ? null : rows.get(0).orderId();
    for (OrderRow row : rows) {
      if (!row.orderId().equals(kept)) {
        add(
            Counter.DUPLICATE_ORDERS,
            row.orderId(),
            "one order for key " + key + " (" + kept + ")",
            "orders " + ids(rows));
      }
    }
    if (first == null) {
      add(
          Counter.UNANSWERED_KEYS,
          key,
          "a 201 for the key",
          submission.refusals().isEmpty()
              ? "no answer before the clients' deadline"
              : String.join("; ", submission.refusals()));
      return;
    }
    if (!observed.orders().containsKey(first)) {
      add(
          Counter.LOST_ORDERS,
          first,
          "the order answered 201 for key " + key + " in the Orders table",
          "no such order");
    }
    for (String replayed : submission.orderIds().subList(1, submission.orderIds().size())) {
      if (!replayed.equals(first)) {
        add(Counter.REPLAY_MISMATCHES, first, "every 201 for key " + key + " naming it", replayed);
      }
    }
  }

  // ---------------------------------------------------------------- settled

  private void settled() {
    for (OrderRow row : sorted(observed.orders().values())) {
      if (!row.terminal()) {
        add(
            Counter.UNSETTLED_ORDERS,
            row.orderId(),
            "FULFILLED, CANCELLED, or PAYMENT_FAILED with stock RESERVED",
            row.state());
      }
    }
  }

  // ---------------------------------------------------------------- charges

  private void charges() {
    Map<String, List<Charge>> applied = new TreeMap<>();
    observed.charges().stream()
        .filter(Charge::applied)
        .forEach(c -> applied.computeIfAbsent(c.orderId(), k -> new ArrayList<>()).add(c));
    applied.forEach(this::chargesOf);
    for (OrderRow row : sorted(observed.orders().values())) {
      if (row.paymentId() != null && !applied.containsKey(row.orderId())) {
        add(
            Counter.MISSING_CHARGES,
            row.orderId(),
            "one charge of " + row.total() + " for payment " + row.paymentId(),
            "none");
      }
    }
  }

  private void chargesOf(String orderId, List<Charge> charges) {
    OrderRow row = observed.orders().get(orderId);
    String found = charges.stream().map(c -> c.id() + " (" + c.key() + ")").toList().toString();
    if (row == null || row.paymentId() == null) {
      String state = row == null ? "not in the Orders table" : row.state();
      charges.forEach(
          c -> add(Counter.UNEXPECTED_CHARGES, orderId, "no charge: the order is " + state, found));
      return;
    }
    for (int extra = 1; extra < charges.size(); extra++) {
      add(Counter.DUPLICATE_CHARGES, orderId, "one charge", charges.size() + " charges " + found);
    }
    for (Charge charge : charges) {
      if (charge.amount() != row.total()) {
        add(
            Counter.CHARGE_MISMATCHES,
            orderId,
            "a charge of the order's total " + row.total(),
            charge.id() + " of " + charge.amount());
      }
    }
    if (charges.stream().noneMatch(c -> row.paymentId().equals(c.id()))) {
      add(
          Counter.CHARGE_MISMATCHES,
          orderId,
          "a charge whose id is the order's paymentId " + row.paymentId(),
          found);
    }
  }

  // ---------------------------------------------------------------- stock

  private void stock(Map<String, Long> initial) {
    Map<String, Long> taken = new TreeMap<>();
    observed.orders().values().stream()
        .filter(row -> Observed.RESERVED.equals(row.inventory()))
        .forEach(row -> row.quantities().forEach((sku, n) -> taken.merge(sku, n, Long::sum)));
    Set<String> skus = new TreeSet<>(initial.keySet());
    skus.addAll(observed.stock().keySet());
    skus.addAll(taken.keySet());
    for (String sku : skus) {
      long start = initial.getOrDefault(sku, 0L);
      long reserved = taken.getOrDefault(sku, 0L);
      Long found = observed.stock().get(sku);
      if (found == null || found != start - reserved || found < 0) {
        add(
            Counter.STOCK_MISMATCHES,
            sku,
            (start - reserved) + " available (" + start + " less " + reserved + " reserved)",
            found == null ? "no such item" : found + " available");
      }
    }
  }

  // ---------------------------------------------------------------- events

  private void events() {
    Map<String, Map<String, Set<String>>> announced = announced();
    Set<String> declined =
        observed.charges().stream()
            .filter(c -> c.status() == 402)
            .map(Charge::orderId)
            .collect(Collectors.toSet());
    for (OrderRow row : sorted(observed.orders().values())) {
      eventsOf(row, announced.getOrDefault(row.orderId(), Map.of()), declined);
    }
    announced.forEach((orderId, types) -> {
      if (!observed.orders().containsKey(orderId)) {
        types.forEach((type, ids) ->
            add(Counter.UNEXPECTED_EVENTS, orderId, "no " + type + ": no such order", ids(ids)));
      }
    });
  }

  private void eventsOf(OrderRow row, Map<String, Set<String>> seen, Set<String> declined) {
    Set<String> required = ExpectedEvents.required(row);
    Set<String> optional = ExpectedEvents.optional(row, declined.contains(row.orderId()));
    for (String type : required) {
      if (!seen.containsKey(type)) {
        add(
            Counter.MISSING_EVENTS,
            row.orderId(),
            "one " + type + " (the order is " + row.state() + ")",
            "none");
      }
    }
    seen.forEach((type, ids) -> {
      if (!required.contains(type) && !optional.contains(type)) {
        add(
            Counter.UNEXPECTED_EVENTS,
            row.orderId(),
            "no " + type + " (the order is " + row.state() + ")",
            ids(ids));
        return;
      }
      for (int extra = 1; extra < ids.size(); extra++) {
        add(Counter.DUPLICATE_EVENTS, row.orderId(), "one " + type + " event id", ids(ids));
      }
    });
  }

  /** Order id → detail type → the distinct event ids seen, in order of first delivery. */
  private Map<String, Map<String, Set<String>>> announced() {
    Map<String, Map<String, Set<String>>> announced = new TreeMap<>();
    for (BusEvent event : observed.events()) {
      announced
          .computeIfAbsent(event.orderId(), k -> new TreeMap<>())
          .computeIfAbsent(event.detailType(), k -> new LinkedHashSet<>())
          .add(event.eventId());
    }
    return announced;
  }

  // ---------------------------------------------------------------- notifications

  private void notifications() {
    Map<String, BusEvent> notifying = new LinkedHashMap<>();
    observed.events().stream()
        .filter(e -> ExpectedEvents.notifying(e.detailType()))
        .forEach(e -> notifying.putIfAbsent(e.eventId(), e));
    Set<String> messaged =
        observed.messages().stream().map(Message::eventId).collect(Collectors.toSet());
    notifying
        .values()
        .forEach(event -> {
          if (!messaged.contains(event.eventId())) {
            add(
                Counter.MISSING_NOTIFICATIONS,
                event.orderId(),
                "one message about " + event.detailType() + " " + event.eventId(),
                "none");
          }
        });
    Map<String, List<Message>> perTransition = new TreeMap<>();
    for (Message message : observed.messages()) {
      perTransition
          .computeIfAbsent(message.orderId() + " " + message.template(), k -> new ArrayList<>())
          .add(message);
      if (!notifying.containsKey(message.eventId())) {
        add(
            Counter.UNEXPECTED_NOTIFICATIONS,
            message.orderId(),
            "messages only about events announced on the bus",
            message.id() + " about " + message.template() + " " + message.eventId());
      }
    }
    perTransition.values().forEach(this::duplicateMessages);
  }

  private void duplicateMessages(List<Message> messages) {
    Message first = messages.get(0);
    String found = messages.stream().map(Message::key).toList().toString();
    for (int extra = 1; extra < messages.size(); extra++) {
      add(
          Counter.DUPLICATE_NOTIFICATIONS,
          first.orderId(),
          "one " + first.template() + " message",
          messages.size() + " messages " + found);
    }
  }

  // ---------------------------------------------------------------- idempotency records, queues

  private void leases() {
    observed.inProgress().stream()
        .filter(lease -> lease.leaseExpiry().isBefore(observed.at()))
        .sorted(Comparator.comparing(Observed.Lease::id))
        .forEach(lease ->
            add(
                Counter.STUCK_IN_PROGRESS,
                lease.id(),
                "COMPLETED or released once its lease ended at " + lease.leaseExpiry(),
                "INPROGRESS at " + observed.at()));
  }

  private void queues() {
    new TreeMap<>(observed.deadLetters())
        .forEach((queue, letters) -> {
          for (long i = 0; i < letters.count(); i++) {
            String body = i < letters.bodies().size() ? letters.bodies().get((int) i) : "…";
            add(Counter.DLQ_MESSAGES, queue, "an empty dead-letter queue", body);
          }
        });
    new TreeMap<>(observed.workQueues())
        .forEach((queue, depth) -> {
          for (long i = 0; i < depth; i++) {
            add(Counter.QUEUED_MESSAGES, queue, "an empty queue", depth + " messages");
          }
        });
  }

  // ---------------------------------------------------------------- helpers

  private void add(Counter counter, String subject, String expected, String found) {
    violations.add(new Violation(counter, subject, expected, found));
  }

  private static List<OrderRow> sorted(Iterable<OrderRow> rows) {
    List<OrderRow> list = new ArrayList<>();
    rows.forEach(list::add);
    list.sort(
        Comparator.comparing(OrderRow::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(OrderRow::orderId));
    return list;
  }

  private static String ids(List<OrderRow> rows) {
    return rows.stream().map(OrderRow::orderId).toList().toString();
  }

  private static String ids(Set<String> ids) {
    return ids.size() + " event ids " + ids;
  }
}
