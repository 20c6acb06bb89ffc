package dev.idem.functions.relay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventIds;
import dev.idem.events.EventMetadata;
import dev.idem.events.EventType;
import dev.idem.events.InventoryRejected;
import dev.idem.events.InventoryReserved;
import dev.idem.events.OrderCancelled;
import dev.idem.events.OrderEventData;
import dev.idem.events.OrderFulfilled;
import dev.idem.events.OrderPlaced;
import dev.idem.events.PaymentCaptured;
import dev.idem.events.PaymentFailed;
import dev.idem.functions.orders.InventoryStatus;
import dev.idem.functions.orders.OrderStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Derives an order's domain events from one stream record, by comparing its old and new image.
 * Pure: the same record always gives the same events, with the same ids ({@link
 * EventIds#fromStreamRecord}), so a record delivered twice or out of order never yields a wrong or
 * a new event.
 *
 * <p>Only transitions visible between the record's two images count, in this order: the order
 * appearing as PLACED (OrderPlaced); status becoming PAID, or a payment id recorded on an order
 * cancelled while it was charged (PaymentCaptured), or status becoming PAYMENT_FAILED
 * (PaymentFailed); inventory becoming RESERVED (InventoryReserved) or REJECTED (InventoryRejected);
 * status becoming FULFILLED (OrderFulfilled) or CANCELLED (OrderCancelled). A record whose old
 * image is not the expected predecessor (PLACED → FULFILLED) emits only what it shows
 * (OrderFulfilled). A REMOVE, or a change of neither status nor inventory, emits nothing.
 *
 * <p>Each event carries the new image's correlation and causation ids, and its {@code updatedAt}
 * (else the record's creation time) as {@code occurredAt}.
 */
public final class TransitionDetector {

  /** The reason of an InventoryRejected event: stock is the only reason a reservation fails. */
  static final String OUT_OF_STOCK = "out of stock";

  private static final String UNKNOWN_REASON = "unspecified";

  /**
   * The events of {@code record}, in the order above; empty when it shows no transition.
   *
   * @throws MalformedOrderImageException if it shows a transition whose event cannot be built from
   *     the new image
   */
  public List<DomainEvent<?>> detect(DynamodbStreamRecord record) {
    StreamRecord change = record.getDynamodb();
    if ("REMOVE".equals(record.getEventName()) || change == null || change.getNewImage() == null) {
      return List.of();
    }
    OrderImage before = OrderImage.of(change.getOldImage());
    OrderImage after = OrderImage.of(change.getNewImage());
    List<EventType> types = transitions(before, after);
    List<DomainEvent<?>> events = new ArrayList<>(types.size());
    for (EventType type : types) {
      events.add(event(record, change, after, type));
    }
    return events;
  }

  /** The event types of the transitions from {@code before} to {@code after}, in order. */
  static List<EventType> transitions(OrderImage before, OrderImage after) {
    String status = changedTo(before.status(), after.status());
    String inventory = changedTo(before.inventory(), after.inventory());
    List<EventType> types = new ArrayList<>(2);
    if (before.status() == null && is(OrderStatus.PLACED, status)) {
      types.add(EventType.ORDER_PLACED);
    }
    if (is(OrderStatus.PAID, status) || paymentRecorded(before, after)) {
      types.add(EventType.PAYMENT_CAPTURED);
    } else if (is(OrderStatus.PAYMENT_FAILED, status)) {
      types.add(EventType.PAYMENT_FAILED);
    }
    if (InventoryStatus.RESERVED.name().equals(inventory)) {
      types.add(EventType.INVENTORY_RESERVED);
    } else if (InventoryStatus.REJECTED.name().equals(inventory)) {
      types.add(EventType.INVENTORY_REJECTED);
    }
    if (is(OrderStatus.FULFILLED, status)) {
      types.add(EventType.ORDER_FULFILLED);
    } else if (is(OrderStatus.CANCELLED, status)) {
      types.add(EventType.ORDER_CANCELLED);
    }
    return types;
  }

  private static DomainEvent<?> event(
      DynamodbStreamRecord record, StreamRecord change, OrderImage after, EventType type) {
    try {
      EventMetadata metadata =
          EventMetadata.of(
              EventIds.fromStreamRecord(record.getEventID(), type),
              after.correlationId(),
              after.causationId(),
              occurredAt(after, change));
      return DomainEvent.of(metadata, data(type, after));
    } catch (IllegalArgumentException
        | NullPointerException
        | ArithmeticException
        | DateTimeParseException e) {
      throw new MalformedOrderImageException(
          "Stream record "
              + record.getEventID()
              + " shows "
              + type.detailType()
              + " but its new image cannot make the event: "
              + e.getMessage(),
          e);
    }
  }

  private static OrderEventData data(EventType type, OrderImage order) {
    return switch (type) {
      case ORDER_PLACED ->
          new OrderPlaced(
              order.orderId(),
              order.customerId(),
              order.currency(),
              required(order.total(), "total"),
              order.lines().stream().map(TransitionDetector::placedLine).toList());
      case PAYMENT_CAPTURED ->
          new PaymentCaptured(
              order.orderId(),
              order.paymentId(),
              required(order.total(), "total"),
              order.currency());
      case PAYMENT_FAILED -> new PaymentFailed(order.orderId(), reason(order.failureReason()));
      case INVENTORY_RESERVED ->
          new InventoryReserved(
              order.orderId(),
              order.lines().stream().map(TransitionDetector::reservedLine).toList());
      case INVENTORY_REJECTED ->
          new InventoryRejected(order.orderId(), OUT_OF_STOCK, shortSkus(order));
      case ORDER_FULFILLED -> new OrderFulfilled(order.orderId());
      case ORDER_CANCELLED -> new OrderCancelled(order.orderId(), reason(order.failureReason()));
    };
  }

  private static OrderPlaced.Line placedLine(OrderImage.Line line) {
    return new OrderPlaced.Line(
        line.sku(), quantity(line), required(line.unitPrice(), "lines[].unitPrice"));
  }

  private static InventoryReserved.Line reservedLine(OrderImage.Line line) {
    return new InventoryReserved.Line(line.sku(), quantity(line));
  }

  /** The SKUs that were short, when the image names them; else every SKU of the order. */
  private static List<String> shortSkus(OrderImage order) {
    return order.rejectedSkus().isEmpty()
        ? order.lines().stream().map(OrderImage.Line::sku).toList()
        : order.rejectedSkus();
  }

  private static Instant occurredAt(OrderImage order, StreamRecord change) {
    if (order.updatedAt() != null) {
      return Instant.parse(order.updatedAt());
    }
    return Objects.requireNonNull(change.getApproximateCreationDateTime(), "updatedAt is required")
        .toInstant();
  }

  private static int quantity(OrderImage.Line line) {
    return Math.toIntExact(required(line.quantity(), "lines[].quantity"));
  }

  private static long required(Long value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String reason(String failureReason) {
    return failureReason == null || failureReason.isBlank() ? UNKNOWN_REASON : failureReason;
  }

  /** A payment id recorded on a cancelled order: it was cancelled while it was being charged. */
  private static boolean paymentRecorded(OrderImage before, OrderImage after) {
    return is(OrderStatus.CANCELLED, before.status())
        && is(OrderStatus.CANCELLED, after.status())
        && before.paymentId() == null
        && after.paymentId() != null;
  }

  private static String changedTo(String before, String after) {
    return Objects.equals(before, after) ? null : after;
  }

  private static boolean is(OrderStatus status, String value) {
    return status.name().equals(value);
  }
}
