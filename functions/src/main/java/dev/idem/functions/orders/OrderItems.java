package dev.idem.functions.orders;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Orders table's item layout, defined once: attribute names, and the mapping between an {@link
 * Order} and its item. Times are ISO-8601 strings, money and counts numbers.
 */
public final class OrderItems {

  // Attribute names, as the design fixes them; the relay reads the stream images with them.
  public static final String ORDER_ID = "orderId";
  public static final String CUSTOMER_ID = "customerId";
  public static final String CURRENCY = "currency";
  public static final String TOTAL = "total";
  public static final String LINES = "lines";
  public static final String SKU = "sku";
  public static final String QUANTITY = "quantity";
  public static final String UNIT_PRICE = "unitPrice";
  public static final String LINE_TOTAL = "lineTotal";
  public static final String STATUS = "status";
  public static final String INVENTORY = "inventory";
  public static final String PAYMENT_ID = "paymentId";
  public static final String FAILURE_REASON = "failureReason";
  public static final String REJECTED_SKUS = "rejectedSkus";
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String VERSION = "version";

  private OrderItems() {}

  /** The key of an order's item. */
  public static Map<String, AttributeValue> key(String orderId) {
    return Map.of(ORDER_ID, AttributeValue.fromS(orderId));
  }

  /** The item of {@code order}; absent optional attributes are left out. */
  public static Map<String, AttributeValue> toItem(Order order) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ORDER_ID, s(order.orderId()));
    item.put(CUSTOMER_ID, s(order.customerId()));
    item.put(CURRENCY, s(order.currency()));
    item.put(TOTAL, n(order.total()));
    item.put(LINES, AttributeValue.fromL(order.lines().stream().map(OrderItems::line).toList()));
    item.put(STATUS, s(order.status().name()));
    item.put(INVENTORY, s(order.inventory().name()));
    putIfPresent(item, PAYMENT_ID, order.paymentId());
    putIfPresent(item, FAILURE_REASON, order.failureReason());
    item.put(CORRELATION_ID, s(order.correlationId()));
    item.put(CAUSATION_ID, s(order.causationId()));
    item.put(CREATED_AT, s(order.createdAt().toString()));
    item.put(UPDATED_AT, s(order.updatedAt().toString()));
    item.put(VERSION, n(order.version()));
    return item;
  }

  /**
   * The order an item holds.
   *
   * @throws IllegalArgumentException naming the attribute that is missing or malformed
   */
  public static Order fromItem(Map<String, AttributeValue> item) {
    return new Order(
        text(item, ORDER_ID),
        text(item, CUSTOMER_ID),
        text(item, CURRENCY),
        number(item, TOTAL),
        lines(item),
        OrderStatus.valueOf(text(item, STATUS)),
        InventoryStatus.valueOf(text(item, INVENTORY)),
        optionalText(item, PAYMENT_ID),
        optionalText(item, FAILURE_REASON),
        text(item, CORRELATION_ID),
        text(item, CAUSATION_ID),
        Instant.parse(text(item, CREATED_AT)),
        Instant.parse(text(item, UPDATED_AT)),
        number(item, VERSION));
  }

  private static AttributeValue line(OrderLine line) {
    return AttributeValue.fromM(
        Map.of(
            SKU, s(line.sku()),
            QUANTITY, n(line.quantity()),
            UNIT_PRICE, n(line.unitPrice()),
            LINE_TOTAL, n(line.lineTotal())));
  }

  private static List<OrderLine> lines(Map<String, AttributeValue> item) {
    AttributeValue lines = item.get(LINES);
    if (lines == null || !lines.hasL()) {
      throw new IllegalArgumentException("The order item has no " + LINES + " list");
    }
    return lines.l().stream()
        .map(AttributeValue::m)
        .map(line ->
            new OrderLine(
                text(line, SKU),
                Math.toIntExact(number(line, QUANTITY)),
                number(line, UNIT_PRICE),
                number(line, LINE_TOTAL)))
        .toList();
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    String value = optionalText(item, name);
    if (value == null) {
      throw new IllegalArgumentException("The order item has no " + name + " string");
    }
    return value;
  }

  private static String optionalText(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.n() == null) {
      throw new IllegalArgumentException("The order item has no " + name + " number");
    }
    return Long.parseLong(value.n());
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
