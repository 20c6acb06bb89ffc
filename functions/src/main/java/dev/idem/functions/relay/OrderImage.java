package dev.idem.functions.relay;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.idem.functions.orders.OrderItems;
import java.util.List;
import java.util.Map;

/**
 * What the relay reads from one image of an order item in the stream. Lenient: an attribute that is
 * missing or of another type reads as null, so an image that lacks what one event needs fails that
 * event only, with a message naming what is missing.
 *
 * @param orderId the order
 * @param customerId who placed it
 * @param currency ISO-4217 code of the amounts
 * @param total the total in minor units
 * @param lines the lines; empty when absent
 * @param status the order's status
 * @param inventory the reservation's status
 * @param paymentId the payment's id
 * @param failureReason why payment or reservation failed
 * @param rejectedSkus the SKUs that were short when stock was rejected ({@code rejectedSkus}, a
 *     list or string set); empty when absent
 * @param correlationId carried from the HTTP request
 * @param causationId what caused this change
 * @param updatedAt when this change happened (ISO-8601)
 */
public record OrderImage(
    String orderId,
    String customerId,
    String currency,
    Long total,
    List<Line> lines,
    String status,
    String inventory,
    String paymentId,
    String failureReason,
    List<String> rejectedSkus,
    String correlationId,
    String causationId,
    String updatedAt) {

  /** The attribute that lists the SKUs short of stock when a reservation is rejected. */
  public static final String REJECTED_SKUS = OrderItems.REJECTED_SKUS;

  /** The image of an item that did not exist yet (before an INSERT). */
  public static final OrderImage ABSENT =
      new OrderImage(
          null, null, null, null, List.of(), null, null, null, null, List.of(), null, null, null);

  /**
   * One line of the image; fields are null when missing.
   *
   * @param sku the item
   * @param quantity how many
   * @param unitPrice the price of one, in minor units
   */
  public record Line(String sku, Long quantity, Long unitPrice) {}

  /** The image of {@code item}, or {@link #ABSENT} when null. */
  public static OrderImage of(Map<String, AttributeValue> item) {
    if (item == null) {
      return ABSENT;
    }
    return new OrderImage(
        s(item, OrderItems.ORDER_ID),
        s(item, OrderItems.CUSTOMER_ID),
        s(item, OrderItems.CURRENCY),
        n(item, OrderItems.TOTAL),
        lines(item.get(OrderItems.LINES)),
        s(item, OrderItems.STATUS),
        s(item, OrderItems.INVENTORY),
        s(item, OrderItems.PAYMENT_ID),
        s(item, OrderItems.FAILURE_REASON),
        strings(item.get(REJECTED_SKUS)),
        s(item, OrderItems.CORRELATION_ID),
        s(item, OrderItems.CAUSATION_ID),
        s(item, OrderItems.UPDATED_AT));
  }

  private static List<Line> lines(AttributeValue value) {
    if (value == null || value.getL() == null) {
      return List.of();
    }
    return value.getL().stream()
        .map(line ->
            line == null || line.getM() == null ? Map.<String, AttributeValue>of() : line.getM())
        .map(m ->
            new Line(s(m, OrderItems.SKU), n(m, OrderItems.QUANTITY), n(m, OrderItems.UNIT_PRICE)))
        .toList();
  }

  private static List<String> strings(AttributeValue value) {
    if (value == null) {
      return List.of();
    }
    if (value.getSS() != null) {
      return List.copyOf(value.getSS());
    }
    if (value.getL() == null) {
      return List.of();
    }
    return value.getL().stream()
        .filter(v -> v != null && v.getS() != null)
        .map(AttributeValue::getS)
        .toList();
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.getS();
  }

  private static Long n(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.getN() == null) {
      return null;
    }
    try {
      return Long.valueOf(value.getN());
    } catch (NumberFormatException notAnInteger) {
      return null;
    }
  }
}
