package dev.idem.functions.fulfilment;

import dev.idem.events.EventMetadata;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.JsonLog;
import java.util.Map;

/**
 * The order's last step: once it is paid and its stock reserved, it is fulfilled. Payment and
 * inventory each try it after their own change; whichever finishes second succeeds, the other's
 * condition fails and is ignored, so an order is fulfilled exactly once. Thread-safe.
 */
public final class Fulfilment {

  private final OrderStore orders;
  private final JsonLog log;
  private final EmfMetrics metrics;

  /** Fulfils orders of {@code orders}, logging and counting each. */
  public Fulfilment(OrderStore orders, JsonLog log, EmfMetrics metrics) {
    this.orders = orders;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * Takes the order from {@code PAID} and {@code RESERVED} to {@code FULFILLED}, if it is there.
   *
   * @param cause the event whose handling led here; its id becomes the order's causation id
   * @return true when this call fulfilled the order; false when it was not (yet, or any more) paid
   *     and reserved
   */
  public boolean attempt(String orderId, EventMetadata cause) {
    if (!orders.apply(orders.transitions().fulfilled(orderId, cause.eventId()))) {
      return false;
    }
    log.info("order fulfilled", cause.correlationId(), Map.of("orderId", orderId));
    metrics.count("OrdersFulfilled", 1);
    return true;
  }
}
