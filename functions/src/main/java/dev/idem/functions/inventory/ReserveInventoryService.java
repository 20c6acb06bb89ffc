package dev.idem.functions.inventory;

import dev.idem.events.DomainEvent;
import dev.idem.events.EventMetadata;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.fulfilment.Fulfilment;
import dev.idem.functions.fulfilment.OrderState;
import dev.idem.functions.fulfilment.OrderStore;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.functions.orders.InventoryStatus;
import dev.idem.idempotency.EffectConditionFailedException;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.TransactionWrites;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves a placed order's stock, exactly once per event: one {@code TransactWriteItems} claims
 * the event's idempotency record, takes every line's quantity from the Inventory table (each only
 * if that many are available) and moves the order's inventory {@code PENDING → RESERVED}; then it
 * tries {@code FULFILLED}. When a line is short, that transaction writes nothing; a second one,
 * under the same key, records the rejection instead: inventory {@code REJECTED}, the order {@code
 * CANCELLED} with the short SKUs. A rejection is final, not retried. Thread-safe.
 */
public final class ReserveInventoryService {

  static final String OUT_OF_STOCK = "out of stock";

  private final Idempotency idempotency;
  private final InventoryStore inventory;
  private final OrderStore orders;
  private final Fulfilment fulfilment;
  private final Telemetry telemetry;

  ReserveInventoryService(
      Idempotency idempotency,
      InventoryStore inventory,
      OrderStore orders,
      Fulfilment fulfilment,
      Telemetry telemetry) {
    this.idempotency = idempotency;
    this.inventory = inventory;
    this.orders = orders;
    this.fulfilment = fulfilment;
    this.telemetry = telemetry;
  }

  /**
   * Reserves the order's stock or records that it is short.
   *
   * @throws IllegalStateException when the order does not exist, or the stock was short but no
   *     longer is when checked (retry the event)
   */
  public void reserve(DomainEvent<OrderPlaced> event) {
    reserveOrReject(event).ifPresentOrElse(r -> report(event, r), () -> alreadyDecided(event));
  }

  /** The reservation or rejection; empty when the order's inventory was no longer pending. */
  private Optional<Reservation> reserveOrReject(DomainEvent<OrderPlaced> event) {
    IdempotentRequest request = IdempotentRequest.of(event.metadata().eventId(), event.data());
    Map<String, Integer> wanted = InventoryStore.quantities(event.data().lines());
    try {
      return Optional.of(
          idempotency.executeInSingleTransaction(
              request, Reservation.class, writes -> reserveWrites(event, wanted, writes)));
    } catch (EffectConditionFailedException e) {
      // The writes are the decrements in the order of `wanted`, then the order's transition.
      return e.writeIndex() < wanted.size() ? reject(request, event, wanted) : Optional.empty();
    }
  }

  private Reservation reserveWrites(
      DomainEvent<OrderPlaced> event, Map<String, Integer> wanted, TransactionWrites writes) {
    wanted.forEach((sku, quantity) -> writes.update(inventory.decrement(sku, quantity)));
    writes.update(
        orders.transitions().reserved(event.data().orderId(), event.metadata().eventId()));
    return new Reservation(InventoryStatus.RESERVED, List.of());
  }

  // Nothing was written by the failed reservation, so the same key is still free for this record.
  private Optional<Reservation> reject(
      IdempotentRequest request, DomainEvent<OrderPlaced> event, Map<String, Integer> wanted) {
    List<Reservation.Shortfall> shortfalls = shortfalls(wanted);
    if (shortfalls.isEmpty()) {
      throw new IllegalStateException(
          "Stock for order " + event.data().orderId() + " was short, but no longer is: retry");
    }
    Reservation rejected = new Reservation(InventoryStatus.REJECTED, shortfalls);
    try {
      return Optional.of(
          idempotency.executeInSingleTransaction(
              request, Reservation.class, writes -> rejectWrites(event, rejected, writes)));
    } catch (EffectConditionFailedException orderNotPending) {
      return Optional.empty();
    }
  }

  private Reservation rejectWrites(
      DomainEvent<OrderPlaced> event, Reservation rejected, TransactionWrites writes) {
    String orderId = event.data().orderId();
    writes.update(
        orders
            .transitions()
            .rejected(orderId, OUT_OF_STOCK, rejected.shortSkus(), event.metadata().eventId()));
    return rejected;
  }

  private List<Reservation.Shortfall> shortfalls(Map<String, Integer> wanted) {
    return wanted.entrySet().stream()
        .map(line ->
            new Reservation.Shortfall(
                line.getKey(), line.getValue(), inventory.available(line.getKey())))
        .filter(line -> line.available() < line.requested())
        .toList();
  }

  // An earlier delivery decided, and its record has expired; its fulfilment may still be undone.
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
