package dev.idem.functions.payments;

import dev.idem.events.DomainEvent;
import dev.idem.events.EventMetadata;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.common.ProviderUnavailableException;
import dev.idem.functions.fulfilment.Fulfilment;
import dev.idem.functions.fulfilment.OrderState;
import dev.idem.functions.fulfilment.OrderStore;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.functions.orders.OrderStatus;
import java.util.Map;

/**
 * Captures the payment of a placed order: charges it with the provider and records the outcome as
 * the order's transition {@code PLACED → PAID} (then tries {@code FULFILLED}) or {@code PLACED →
 * PAYMENT_FAILED}; a charge that succeeds after the order was cancelled (its stock rejected during
 * the charge) is recorded on the cancelled order, to be refunded. Runs under the idempotency of the
 * event (see {@link CapturePaymentHandler}); the provider's own idempotency key, one per order,
 * covers the window where a charge succeeded but recording it failed and the event is retried.
 * Thread-safe.
 */
public final class CapturePaymentService {

  private final OrderStore orders;
  private final PaymentProvider provider;
  private final Fulfilment fulfilment;
  private final Telemetry telemetry;

  /** A service recording outcomes in {@code orders}. */
  public CapturePaymentService(
      OrderStore orders, PaymentProvider provider, Fulfilment fulfilment, Telemetry telemetry) {
    this.orders = orders;
    this.provider = provider;
    this.fulfilment = fulfilment;
    this.telemetry = telemetry;
  }

  /**
   * Captures the payment of the placed order, unless the order is no longer waiting for one.
   *
   * @throws ProviderUnavailableException when the provider timed out or failed: retry the event
   * @throws IllegalStateException when the order does not exist or the provider answered
   *     unexpectedly: retry, then dead-letter
   */
  public void capture(DomainEvent<OrderPlaced> event) {
    OrderPlaced order = event.data();
    OrderState state =
        orders
            .find(order.orderId())
            .orElseThrow(() ->
                new IllegalStateException("Order " + order.orderId() + " is not in the table"));
    if (state.status() != OrderStatus.PLACED) {
      skip(event, state);
      return;
    }
    switch (provider.charge(order.orderId(), order.total(), order.currency())) {
      case ChargeResult.Captured captured -> recordCaptured(event, captured);
      case ChargeResult.Declined declined -> recordDeclined(event, declined);
    }
  }

  private void recordCaptured(DomainEvent<OrderPlaced> event, ChargeResult.Captured captured) {
    EventMetadata cause = event.metadata();
    String orderId = event.data().orderId();
    String paymentId = captured.paymentId();
    Map<String, Object> fields =
        Map.of("orderId", orderId, "paymentId", paymentId, "amount", event.data().total());
    if (orders.recordPayment(
        orders.transitions().paid(orderId, paymentId, cause.eventId()), paymentId)) {
      telemetry.log().info("payment captured", cause.correlationId(), fields);
      telemetry.metrics().count("PaymentsCaptured", 1);
      fulfilment.attempt(orderId, cause);
      return;
    }
    // Its stock was rejected while it was being charged: the charge is recorded on the cancelled
    // order (and announced as PaymentCaptured), so that it can be refunded, never lost.
    boolean recorded =
        orders.recordPayment(
            orders.transitions().paidWhileCancelled(orderId, paymentId, cause.eventId()),
            paymentId);
    telemetry
        .log()
        .warn(
            recorded
                ? "payment captured, but the order was cancelled meanwhile: recorded on it; refund it"
                : "payment captured, but the order left PLACED meanwhile: refund it",
            cause.correlationId(),
            fields);
    telemetry.metrics().count("PaymentsToRefund", 1);
  }

  private void recordDeclined(DomainEvent<OrderPlaced> event, ChargeResult.Declined declined) {
    EventMetadata cause = event.metadata();
    String orderId = event.data().orderId();
    boolean recorded =
        orders.apply(
            orders.transitions().paymentFailed(orderId, declined.reason(), cause.eventId()));
    telemetry
        .log()
        .info(
            recorded ? "payment declined" : "payment declined, but the order left PLACED meanwhile",
            cause.correlationId(),
            Map.of("orderId", orderId, "reason", declined.reason()));
    telemetry.metrics().count("PaymentsDeclined", 1);
  }

  // A redelivery after the outcome was recorded, or an order cancelled for lack of stock: nothing
  // to charge. A paid order may still wait for the fulfilment a failed earlier attempt left undone.
  // A cancelled order may have been charged by an earlier attempt whose answer was lost (it timed
  // out, the stock was rejected before the retry): the provider knows, and the charge is recorded
  // on the order for a refund rather than left nowhere.
  private void skip(DomainEvent<OrderPlaced> event, OrderState state) {
    EventMetadata cause = event.metadata();
    telemetry
        .log()
        .info(
            "order not waiting for payment; not charged",
            cause.correlationId(),
            Map.of("orderId", state.orderId(), "status", state.status().name()));
    if (state.status() == OrderStatus.PAID) {
      fulfilment.attempt(state.orderId(), cause);
    } else if (state.status() == OrderStatus.CANCELLED) {
      provider
          .findCharge(state.orderId())
          .ifPresent(charge -> recordChargeOnCancelled(event, charge.paymentId()));
    }
  }

  private void recordChargeOnCancelled(DomainEvent<OrderPlaced> event, String paymentId) {
    EventMetadata cause = event.metadata();
    String orderId = event.data().orderId();
    boolean recorded =
        orders.recordPayment(
            orders.transitions().paidWhileCancelled(orderId, paymentId, cause.eventId()),
            paymentId);
    telemetry
        .log()
        .warn(
            recorded
                ? "an earlier attempt charged the cancelled order: recorded on it; refund it"
                : "an earlier attempt charged the order, which holds another payment: refund it",
            cause.correlationId(),
            Map.of("orderId", orderId, "paymentId", paymentId));
    telemetry.metrics().count("PaymentsToRefund", 1);
  }
}
