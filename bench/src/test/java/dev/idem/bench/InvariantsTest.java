package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.bench.Observed.BusEvent;
import dev.idem.bench.Observed.Charge;
import dev.idem.bench.Observed.Message;
import dev.idem.bench.Observed.OrderRow;
import dev.idem.bench.Violation.Counter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvariantsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private static final Map<String, Long> STOCK = Map.of("SKU-A", 10L, "SKU-B", 1L);

  private final Map<String, OrderRow> orders = new HashMap<>();
  private final Map<String, Long> stock = new HashMap<>(STOCK);
  private final List<Observed.Lease> leases = new ArrayList<>();
  private final List<Charge> charges = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final List<BusEvent> events = new ArrayList<>();
  private final Map<String, Observed.DeadLetters> deadLetters = new HashMap<>();
  private final Map<String, Long> workQueues = new HashMap<>(Map.of("PaymentsQueue", 0L));
  private final List<Submission> submissions = new ArrayList<>();

  @Test
  void check_fulfilledAndCancelledOrdersDoneOnce_findsNothing() {
    fulfilled("o1", "k1", "SKU-A", 2);
    cancelledUnpaid("o2", "k2", "SKU-B", 2);
    cancelledPaid("o3", "k3", "SKU-B", 3);

    assertThat(check()).isEmpty();
  }

  @Test
  void check_secondRowForOneKey_isADuplicateOrderNamingIt() {
    fulfilled("o1", "k1", "SKU-A", 1);
    orders.put("o9", row("o9", "k1", "CANCELLED", "REJECTED", null, "SKU-B", 1));
    announce("o9", "OrderPlaced", "InventoryRejected", "OrderCancelled");
    messages.add(message("o9", "InventoryRejected"));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.DUPLICATE_ORDERS);
          assertThat(v.subject()).isEqualTo("o9");
          assertThat(v.expected()).contains("k1").contains("o1");
        });
  }

  @Test
  void check_answeredOrderMissing_isLost() {
    fulfilled("o1", "k1", "SKU-A", 1);
    orders.remove("o1");
    events.clear();
    messages.clear();
    charges.clear();
    stock.put("SKU-A", 10L);

    assertThat(counters(check())).containsExactly(Counter.LOST_ORDERS);
  }

  @Test
  void check_replayNamingAnotherOrder_isAMismatch() {
    fulfilled("o1", "k1", "SKU-A", 1);
    submissions.set(0, new Submission("k1", Map.of("SKU-A", 1L), List.of("o1", "o2"), List.of()));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.REPLAY_MISMATCHES);
          assertThat(v.found()).isEqualTo("o2");
        });
  }

  @Test
  void check_keyNeverAnswered_isUnansweredWithTheRefusal() {
    submissions.add(new Submission("k1", Map.of("SKU-A", 1L), List.of(), List.of("422 {}")));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.UNANSWERED_KEYS);
          assertThat(v.found()).isEqualTo("422 {}");
        });
  }

  @Test
  void check_orderOfAKeyNobodySent_isUnknown() {
    fulfilled("o1", "k1", "SKU-A", 1);
    submissions.clear();

    assertThat(counters(check())).containsExactly(Counter.UNKNOWN_ORDERS);
  }

  @Test
  void check_paidAndReservedButNotFulfilled_isUnsettled() {
    fulfilled("o1", "k1", "SKU-A", 1);
    orders.put("o1", row("o1", "k1", "PAID", "RESERVED", "ch_o1", "SKU-A", 1));
    events.removeIf(e -> e.detailType().equals("OrderFulfilled"));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.UNSETTLED_ORDERS);
          assertThat(v.found()).isEqualTo("PAID/RESERVED/paid");
        });
  }

  @Test
  void terminal_eachStateTheSystemCanEndIn_isTerminalAndNoOther() {
    assertThat(row("o", "k", "FULFILLED", "RESERVED", "ch", "SKU-A", 1).terminal()).isTrue();
    assertThat(row("o", "k", "CANCELLED", "REJECTED", null, "SKU-A", 1).terminal()).isTrue();
    assertThat(row("o", "k", "CANCELLED", "REJECTED", "ch", "SKU-A", 1).terminal()).isTrue();
    assertThat(row("o", "k", "PAYMENT_FAILED", "RESERVED", null, "SKU-A", 1).terminal()).isTrue();
    assertThat(row("o", "k", "PAYMENT_FAILED", "PENDING", null, "SKU-A", 1).terminal()).isFalse();
    assertThat(row("o", "k", "PLACED", "RESERVED", null, "SKU-A", 1).terminal()).isFalse();
    assertThat(row("o", "k", "PAID", "PENDING", "ch", "SKU-A", 1).terminal()).isFalse();
    assertThat(row("o", "k", "FULFILLED", "RESERVED", null, "SKU-A", 1).terminal()).isFalse();
  }

  @Test
  void check_secondChargeWithAnotherKey_isADuplicateCharge() {
    fulfilled("o1", "k1", "SKU-A", 2);
    charges.add(new Charge("ch_x", "planted-o1", "o1", 2000, 201));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.DUPLICATE_CHARGES);
          assertThat(v.found()).contains("ch_o1").contains("ch_x");
        });
  }

  @Test
  void check_chargeOfACancelledUnpaidOrder_isUnexpected() {
    cancelledUnpaid("o2", "k2", "SKU-B", 2);
    charges.add(new Charge("ch_o2", "charge-o2", "o2", 2000, 201));

    assertThat(counters(check())).containsExactly(Counter.UNEXPECTED_CHARGES);
  }

  @Test
  void check_declinedChargeOfACancelledOrder_isNoCharge() {
    cancelledUnpaid("o2", "k2", "SKU-B", 2);
    charges.add(new Charge(null, "charge-o2", "o2", 2000, 402));

    assertThat(check()).isEmpty();
  }

  @Test
  void check_chargeOfAnotherAmount_isAMismatch() {
    fulfilled("o1", "k1", "SKU-A", 2);
    charges.set(0, new Charge("ch_o1", "charge-o1", "o1", 1999, 201));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.CHARGE_MISMATCHES);
          assertThat(v.expected()).contains("2000");
          assertThat(v.found()).contains("1999");
        });
  }

  @Test
  void check_paidOrderWithoutCharge_isAMissingCharge() {
    fulfilled("o1", "k1", "SKU-A", 2);
    charges.clear();

    assertThat(counters(check())).containsExactly(Counter.MISSING_CHARGES);
  }

  @Test
  void check_stockOneUnitOff_isAMismatchOfThatSku() {
    fulfilled("o1", "k1", "SKU-A", 2);
    stock.put("SKU-A", 9L);

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.STOCK_MISMATCHES);
          assertThat(v.subject()).isEqualTo("SKU-A");
          assertThat(v.expected()).startsWith("8 available");
          assertThat(v.found()).isEqualTo("9 available");
        });
  }

  @Test
  void check_transitionUnderTwoEventIds_isADuplicateEvent() {
    fulfilled("o1", "k1", "SKU-A", 1);
    events.add(new BusEvent("o1-OrderFulfilled-2", "OrderFulfilled", "o1"));

    assertThat(counters(check())).containsExactly(Counter.DUPLICATE_EVENTS);
  }

  @Test
  void check_sameEventDeliveredTwice_isNoViolation() {
    fulfilled("o1", "k1", "SKU-A", 1);
    events.add(new BusEvent("o1-OrderFulfilled", "OrderFulfilled", "o1"));
    events.add(new BusEvent("o1-PaymentCaptured", "PaymentCaptured", "o1"));

    assertThat(check()).isEmpty();
  }

  @Test
  void check_transitionNeverAnnounced_isAMissingEvent() {
    fulfilled("o1", "k1", "SKU-A", 1);
    events.removeIf(e -> e.detailType().equals("OrderFulfilled"));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.MISSING_EVENTS);
          assertThat(v.expected()).contains("OrderFulfilled");
        });
  }

  @Test
  void check_eventOfATransitionNotMade_isUnexpected() {
    cancelledUnpaid("o2", "k2", "SKU-B", 2);
    events.add(new BusEvent("o2-InventoryReserved", "InventoryReserved", "o2"));
    messages.add(message("o2", "InventoryReserved"));

    assertThat(counters(check())).containsExactly(Counter.UNEXPECTED_EVENTS);
  }

  @Test
  void check_paymentFailedOfACancelledOrder_isAllowedOnlyAfterADecline() {
    cancelledUnpaid("o2", "k2", "SKU-B", 2);
    events.add(new BusEvent("o2-PaymentFailed", "PaymentFailed", "o2"));
    messages.add(message("o2", "PaymentFailed"));

    assertThat(counters(check())).containsExactly(Counter.UNEXPECTED_EVENTS);

    charges.add(new Charge(null, "charge-o2", "o2", 2000, 402));
    assertThat(check()).isEmpty();
  }

  @Test
  void check_notifyingEventWithoutMessage_isAMissingNotification() {
    fulfilled("o1", "k1", "SKU-A", 1);
    messages.removeIf(m -> m.template().equals("InventoryReserved"));

    assertThat(counters(check())).containsExactly(Counter.MISSING_NOTIFICATIONS);
  }

  @Test
  void check_secondMessageForOneEvent_isADuplicateNotification() {
    fulfilled("o1", "k1", "SKU-A", 1);
    messages.add(new Message("msg_x", "planted", "o1", "PaymentCaptured", "o1-PaymentCaptured"));

    assertThat(counters(check())).containsExactly(Counter.DUPLICATE_NOTIFICATIONS);
  }

  @Test
  void check_messageForAnEventNeverAnnounced_isUnexpected() {
    fulfilled("o1", "k1", "SKU-A", 1);
    messages.add(new Message("msg_x", "notify-zzz", "o1", "PaymentFailed", "zzz"));

    assertThat(counters(check())).containsExactly(Counter.UNEXPECTED_NOTIFICATIONS);
  }

  @Test
  void check_recordInProgressPastItsLease_isStuck() {
    leases.add(new Observed.Lease("capture#1", T0.minusSeconds(1)));
    leases.add(new Observed.Lease("capture#2", T0.plusSeconds(5)));

    assertThat(check())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.counter()).isEqualTo(Counter.STUCK_IN_PROGRESS);
          assertThat(v.subject()).isEqualTo("capture#1");
        });
  }

  @Test
  void check_dlqMessagesAndAQueueNotEmpty_oneViolationPerMessage() {
    deadLetters.put("PaymentsDLQ", new Observed.DeadLetters(2, List.of("{\"a\":1}")));
    workQueues.put("PaymentsQueue", 1L);

    List<Violation> violations = check();

    assertThat(counters(violations))
        .containsExactly(Counter.DLQ_MESSAGES, Counter.DLQ_MESSAGES, Counter.QUEUED_MESSAGES);
    assertThat(violations.get(0).found()).isEqualTo("{\"a\":1}");
  }

  @Test
  void count_someViolations_everyCounterPresent() {
    Map<Counter, Long> counts =
        Invariants.count(List.of(new Violation(Counter.LOST_ORDERS, "o", "e", "f")));

    assertThat(counts).hasSize(Counter.values().length).containsEntry(Counter.LOST_ORDERS, 1L);
    assertThat(counts.get(Counter.DLQ_MESSAGES)).isZero();
  }

  // ---------------------------------------------------------------- orders done right

  /** Paid, reserved, fulfilled: four events, one charge, two messages; stock taken. */
  private void fulfilled(String id, String key, String sku, long units) {
    orders.put(id, row(id, key, "FULFILLED", "RESERVED", "ch_" + id, sku, units));
    submissions.add(new Submission(key, Map.of(sku, units), List.of(id), List.of()));
    charges.add(new Charge("ch_" + id, "charge-" + id, id, units * 1000, 201));
    announce(id, "OrderPlaced", "PaymentCaptured", "InventoryReserved", "OrderFulfilled");
    messages.add(message(id, "PaymentCaptured"));
    messages.add(message(id, "InventoryReserved"));
    stock.merge(sku, -units, Long::sum);
  }

  /** Rejected before payment: three events, no charge, one message; stock untouched. */
  private void cancelledUnpaid(String id, String key, String sku, long units) {
    orders.put(id, row(id, key, "CANCELLED", "REJECTED", null, sku, units));
    submissions.add(new Submission(key, Map.of(sku, units), List.of(id), List.of()));
    announce(id, "OrderPlaced", "InventoryRejected", "OrderCancelled");
    messages.add(message(id, "InventoryRejected"));
  }

  /** Paid, then rejected: four events, one charge, two messages; stock untouched. */
  private void cancelledPaid(String id, String key, String sku, long units) {
    orders.put(id, row(id, key, "CANCELLED", "REJECTED", "ch_" + id, sku, units));
    submissions.add(new Submission(key, Map.of(sku, units), List.of(id), List.of()));
    charges.add(new Charge("ch_" + id, "charge-" + id, id, units * 1000, 201));
    announce(id, "OrderPlaced", "PaymentCaptured", "InventoryRejected", "OrderCancelled");
    messages.add(message(id, "PaymentCaptured"));
    messages.add(message(id, "InventoryRejected"));
  }

  private void announce(String orderId, String... types) {
    for (String type : types) {
      events.add(new BusEvent(orderId + "-" + type, type, orderId));
    }
  }

  private static Message message(String orderId, String type) {
    String eventId = orderId + "-" + type;
    return new Message("msg-" + eventId, "notify-" + eventId, orderId, type, eventId);
  }

  private static OrderRow row(
      String id,
      String key,
      String status,
      String inventory,
      String paymentId,
      String sku,
      long units) {
    return new OrderRow(
        id,
        key,
        status,
        inventory,
        paymentId,
        units * 1000,
        Map.of(sku, units),
        T0.minusSeconds(10),
        T0.minusSeconds(9));
  }

  private List<Violation> check() {
    Observed observed =
        new Observed(orders, stock, leases, charges, messages, events, deadLetters, workQueues, T0);
    return Invariants.check(submissions, STOCK, observed);
  }

  private static List<Counter> counters(List<Violation> violations) {
    return violations.stream().map(Violation::counter).toList();
  }
}
