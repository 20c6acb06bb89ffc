package dev.idem.functions.inventory;

import dev.idem.events.DomainEvent;
import dev.idem.events.EventMetadata;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.fulfilment.Fulfilment;
import dev.idem.functions.fulfilment.OrderState;
import dev.idem.functions.fulfilment.OrderStore;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.functions.orders.InventoryStatus;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.lambda.TransactionalRecordHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves a placed order's stock, exactly once per event. It is the handler of the inventory
 * queue's batch adapter in single-transaction mode: {@link #handle} adds the writes — every line's
 * quantity taken from the Inventory table (each only if that many are available) and the order's
 * inventory moved {@code PENDING → RESERVED} — and the adapter commits them with the event's one
 * idempotency record in one {@code TransactWriteItems}. {@link #onOutcome} then tries {@code
 * FULFILLED}, on every delivery, so that a function that died after the commit still fulfils when
 * the event comes back. When a line is short, that transaction writes nothing; the rejection is
 * then recorded on the order itself: inventory {@code REJECTED}, the order {@code CANCELLED} with
 * the short SKUs, conditional on the inventory still being pending, which makes it final and
 * exactly-once without a record of its own. Thread-safe.
 */
public final class ReserveInventoryService
    implements TransactionalRecordHandler<DomainEvent<OrderPlaced>, Reservation> {

  static final String OUT_OF_STOCK = "out of stock";

  private final InventoryStore inventory;
  private final OrderStore orders;
  private final Fulfilment fulfilment;
  private final Telemetry telemetry;

  ReserveInventoryService(
      InventoryStore inventory, OrderStore orders, Fulfilment fulfilment, Telemetry telemetry) {
    this.inventory = inventory;
    this.orders = orders;
    this.fulfilment = fulfilment;
    this.telemetry = telemetry;
  }

  /** The reservation's writes: the decrements in the order of the lines, then the order's. */
  @Override
  public Reservation handle(DomainEvent<OrderPlaced> event, TransactionWrites writes) {
    InventoryStore.quantities(event.data().lines())
        .forEach((sku, quantity) -> writes.update(inventory.decrement(sku, quantity)));
    writes.update(
        orders.transitions().reserved(event.data().orderId(), event.metadata().eventId()));
    return new Reservation(InventoryStatus.RESERVED, List.of());
  }

  /**
   * Reports the reservation and tries to fulfil the order; or, when the transaction was rejected,
   * records the shortfall on the order.
   *
   * @throws IllegalStateException when the order does not exist, or the stock was short but no
   *     longer is when checked (retry the event)
   */
  @Override
  public void onOutcome(DomainEvent<OrderPlaced> event, Outcome<Reservation> outcome) {
    switch (outcome) {
      case Outcome.Done<Reservation>(Reservation reservation, boolean replayed) -> {
        if (replayed) {
          alreadyReported(event, reservation);
        } else {
          report(event, reservation);
        }
      }
      case Outcome.Rejected<Reservation> rejected -> {
        Map<String, Integer> wanted = InventoryStore.quantities(event.data().lines());
        // A decrement's condition failed: a line is short. Else the order's: no longer pending.
        Optional<Reservation> decided =
            rejected.writeIndex() < wanted.size() ? reject(event, wanted) : Optional.empty();
        decided.ifPresentOrElse(r -> report(event, r), () -> alreadyDecided(event));
      }
    }
  }

  // Nothing was written by the rejected reservation; the order's condition makes this final.
  private Optional<Reservation> reject(
      DomainEvent<OrderPlaced> event, Map<String, Integer> wanted) {
    List<Reservation.Shortfall> shortfalls = shortfalls(wanted);
    if (shortfalls.isEmpty()) {
      throw new IllegalStateException(
          "Stock for order " + event.data().orderId() + " was short, but no longer is: retry");
    }
    Reservation rejected = new Reservation(InventoryStatus.REJECTED, shortfalls);
    boolean applied =
        orders.apply(
            orders
                .transitions()
                .rejected(
                    event.data().orderId(),
                    OUT_OF_STOCK,
                    rejected.shortSkus(),
                    event.metadata().eventId()));
    return applied ? Optional.of(rejected) : Optional.empty();
  }

  private List<Reservation.Shortfall> shortfalls(Map<String, Integer> wanted) {
    return wanted.entrySet().stream()
        .map(line ->
            new Reservation.Shortfall(
                line.getKey(), line.getValue(), inventory.available(line.getKey())))
        .filter(line -> line.available() < line.requested())
        .toList();
  }

  // An earlier delivery decided (a rejection, or a reservation whose record has expired); its
  // fulfilment may still be undone.
  private void alreadyDecided(DomainEvent<OrderPlaced> event) {
    String orderId = event.data().orderId();
    OrderState state =
        orders
            .find(orderId)
            .orElseThrow(
                () -> new IllegalStateException("Order " + orderId + " is not in the table"));
    telemetry
        .log()
        .info(
            "inventory already decided; stock unchanged",
            event.metadata().correlationId(),
            Map.of("orderId", orderId, "inventory", state.inventory().name()));
    if (state.inventory() == InventoryStatus.RESERVED) {
      fulfilment.attempt(orderId, event.metadata());
    }
  }

  // An earlier delivery committed and reported; it may have died before its fulfilment attempt.
  private void alreadyReported(DomainEvent<OrderPlaced> event, Reservation reservation) {
    if (reservation.inventory() == InventoryStatus.RESERVED) {
      fulfilment.attempt(event.data().orderId(), event.metadata());
    }
  }

  private void report(DomainEvent<OrderPlaced> event, Reservation reservation) {
    EventMetadata cause = event.metadata();
    String orderId = event.data().orderId();
    if (reservation.inventory() == InventoryStatus.RESERVED) {
      telemetry.log().info("inventory reserved", cause.correlationId(), Map.of("orderId", orderId));
      telemetry.metrics().count("InventoryReserved", 1);
      fulfilment.attempt(orderId, cause);
    } else {
      telemetry
          .log()
          .info(
              "inventory rejected: not enough stock; order cancelled",
              cause.correlationId(),
              Map.of("orderId", orderId, "shortfalls", reservation.shortfalls()));
      telemetry.metrics().count("InventoryRejected", 1);
    }
  }
}
