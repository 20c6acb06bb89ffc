package dev.idem.functions.testkit;

import dev.idem.events.DomainEvent;
import dev.idem.events.EventMetadata;
import dev.idem.events.InventoryRejected;
import dev.idem.events.InventoryReserved;
import dev.idem.events.OrderFulfilled;
import dev.idem.events.OrderPlaced;
import dev.idem.events.PaymentCaptured;
import dev.idem.events.PaymentFailed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders and their events for consumer tests: an order as PlaceOrder writes it (status {@code
 * PLACED}, inventory {@code PENDING}, version 1) and the {@code OrderPlaced} event the relay
 * publishes for it, each with fresh ids.
 *
 * {@snippet :
 * DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 2));
 * }
 */
public final class OrderFixtures {

  /** The unit price of every line, in cents. */
  public static final long UNIT_PRICE = 1_000;

  private OrderFixtures() {}

  /** A line of {@code quantity} units of {@code sku} at {@link #UNIT_PRICE}. */
  public static OrderPlaced.Line line(String sku, int quantity) {
    return new OrderPlaced.Line(sku, quantity, UNIT_PRICE);
  }

  /** An {@code OrderPlaced} event of a new order (not written anywhere). */
  public static DomainEvent<OrderPlaced> orderPlaced(OrderPlaced.Line... lines) {
    String orderId = UUID.randomUUID().toString();
    long total = List.of(lines).stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum();
    return DomainEvent.of(
        metadata(UUID.randomUUID().toString()),
        new OrderPlaced(orderId, "c-1", "EUR", total, List.of(lines)));
  }

  /** Writes a new order into the Orders table and returns the event announcing it. */
  public static DomainEvent<OrderPlaced> place(ReferenceTables tables, OrderPlaced.Line... lines) {
    DomainEvent<OrderPlaced> event = orderPlaced(lines);
    insert(tables, event);
    return event;
  }

  /** Writes the order {@code event} announces, as PlaceOrder would have: PLACED, PENDING. */
  public static void insert(ReferenceTables tables, DomainEvent<OrderPlaced> event) {
    OrderPlaced order = event.data();
    String createdAt = event.metadata().occurredAt().toString();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("orderId", s(order.orderId()));
    item.put("customerId", s(order.customerId()));
    item.put("currency", s(order.currency()));
    item.put("total", n(order.total()));
    item.put(
        "lines", AttributeValue.fromL(order.lines().stream().map(OrderFixtures::line).toList()));
    item.put("status", s("PLACED"));
    item.put("inventory", s("PENDING"));
    item.put("correlationId", s(event.metadata().correlationId()));
    item.put("causationId", s(event.metadata().causationId()));
    item.put("createdAt", s(createdAt));
    item.put("updatedAt", s(createdAt));
    item.put("version", n(1));
    tables.dynamo().putItem(r -> r.tableName(tables.orders()).item(item));
  }

  /** Sets an order's status and inventory directly, as if other consumers had run. */
  public static void setState(
      ReferenceTables tables, String orderId, String status, String inventory) {
    tables
        .dynamo()
        .updateItem(r ->
            r.tableName(tables.orders())
                .key(Map.of("orderId", s(orderId)))
                .updateExpression("SET #s = :s, #i = :i, #v = #v + :one")
                .expressionAttributeNames(
                    Map.of("#s", "status", "#i", "inventory", "#v", "version"))
                .expressionAttributeValues(
                    Map.of(":s", s(status), ":i", s(inventory), ":one", n(1))));
  }

  /** A string attribute of the order, or null. */
  public static String attribute(ReferenceTables tables, String orderId, String name) {
    AttributeValue value = tables.order(orderId).get(name);
    return value == null ? null : value.s() != null ? value.s() : value.n();
  }

  /** A {@code PaymentCaptured} event of the order. */
  public static DomainEvent<PaymentCaptured> paymentCaptured(String orderId) {
    return DomainEvent.of(fresh(), new PaymentCaptured(orderId, "pay_1", 2_000, "EUR"));
  }

  /** A {@code PaymentFailed} event of the order. */
  public static DomainEvent<PaymentFailed> paymentFailed(String orderId) {
    return DomainEvent.of(fresh(), new PaymentFailed(orderId, "card_declined"));
  }

  /** An {@code InventoryReserved} event of the order. */
  public static DomainEvent<InventoryReserved> inventoryReserved(String orderId) {
    return DomainEvent.of(
        fresh(), new InventoryReserved(orderId, List.of(new InventoryReserved.Line("SKU-001", 2))));
  }

  /** An {@code InventoryRejected} event of the order. */
  public static DomainEvent<InventoryRejected> inventoryRejected(String orderId) {
    return DomainEvent.of(
        fresh(), new InventoryRejected(orderId, "out of stock", List.of("SKU-012")));
  }

  /** An {@code OrderFulfilled} event of the order. */
  public static DomainEvent<OrderFulfilled> orderFulfilled(String orderId) {
    return DomainEvent.of(fresh(), new OrderFulfilled(orderId));
  }

  private static EventMetadata fresh() {
    return metadata(UUID.randomUUID().toString());
  }

  private static EventMetadata metadata(String causationId) {
    return EventMetadata.of(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        causationId,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  private static AttributeValue line(OrderPlaced.Line line) {
    return AttributeValue.fromM(
        Map.of(
            "sku", s(line.sku()),
            "quantity", n(line.quantity()),
            "unitPrice", n(line.unitPrice()),
            "lineTotal", n(line.quantity() * line.unitPrice())));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
