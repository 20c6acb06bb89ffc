package dev.idem.events;

/**
 * The data of an order-flow event: one record per {@link EventType}. Switch over it to handle each
 * type; the compiler checks that none is missed.
 *
 * {@snippet :
 * String template =
 *     switch (event.data()) {
 *       case PaymentCaptured captured -> "receipt";
 *       case PaymentFailed failed -> "payment-failed";
 *       default -> "status";
 *     };
 * }
 */
public sealed interface OrderEventData
    permits OrderPlaced,
        PaymentCaptured,
        PaymentFailed,
        InventoryReserved,
        InventoryRejected,
        OrderFulfilled,
        OrderCancelled {

  /** The order the event is about. */
  String orderId();

  /** This data's event type, which fixes its {@code DetailType} and {@code Source}. */
  EventType type();
}
