package dev.idem.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of the order flow, with its EventBridge {@code DetailType}, its {@code Source}
 * and the record that holds its data.
 */
public enum EventType {
  ORDER_PLACED("OrderPlaced", Sources.ORDERS, OrderPlaced.class),
  PAYMENT_CAPTURED("PaymentCaptured", Sources.PAYMENTS, PaymentCaptured.class),
  PAYMENT_FAILED("PaymentFailed", Sources.PAYMENTS, PaymentFailed.class),
  INVENTORY_RESERVED("InventoryReserved", Sources.INVENTORY, InventoryReserved.class),
  INVENTORY_REJECTED("InventoryRejected", Sources.INVENTORY, InventoryRejected.class),
  ORDER_FULFILLED("OrderFulfilled", Sources.ORDERS, OrderFulfilled.class),
  ORDER_CANCELLED("OrderCancelled", Sources.ORDERS, OrderCancelled.class);

  private final String detailType;
  private final String source;
  private final Class<? extends OrderEventData> dataType;

  EventType(String detailType, String source, Class<? extends OrderEventData> dataType) {
    this.detailType = detailType;
    this.source = source;
    this.dataType = dataType;
  }

  /** The EventBridge {@code DetailType}, for example {@code OrderPlaced}. */
  public String detailType() {
    return detailType;
  }

  /** The EventBridge {@code Source}, one of {@link Sources}. */
  public String source() {
    return source;
  }

  /** The record that holds this type's data. */
  public Class<? extends OrderEventData> dataType() {
    return dataType;
  }

  /**
   * The class-path resource of this type's JSON schema, for example {@code
   * schemas/OrderPlaced.json}.
   */
  public String schemaResource() {
    return "schemas/" + detailType + ".json";
  }

  /** The type whose {@code DetailType} is {@code detailType}, if there is one. */
  public static Optional<EventType> ofDetailType(String detailType) {
    return Arrays.stream(values()).filter(t -> t.detailType.equals(detailType)).findFirst();
  }
}
