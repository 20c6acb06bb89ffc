package dev.idem.bench;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The domain events an order must have announced, derived from its final row as the reference
 * system's code defines its transitions ({@code OrderTransitions}) and the relay's detection of
 * them ({@code TransitionDetector}): every write to an order is one conditional update, one stream
 * record, and each transition it shows is one event whose id is derived from that record.
 *
 * <ul>
 *   <li>OrderPlaced: always (the row was inserted PLACED).
 *   <li>PaymentCaptured: the row has a {@code paymentId}; only {@code PLACED → PAID} sets it and
 *       nothing removes it, so a CANCELLED order with a payment id was paid first.
 *   <li>PaymentFailed: status PAYMENT_FAILED. A CANCELLED order without a payment id may have gone
 *       through PAYMENT_FAILED before its stock was rejected (the rejection cancels an order from
 *       any status and overwrites its failure reason), so there PaymentFailed is allowed, not
 *       required — and only when the provider's ledger shows the charge declined.
 *   <li>InventoryReserved / InventoryRejected: inventory RESERVED / REJECTED.
 *   <li>OrderFulfilled / OrderCancelled: status FULFILLED / CANCELLED.
 * </ul>
 *
 * The notifying events are those the notifications queue's rule routes (detail types starting with
 * {@code Payment} or {@code Inventory}).
 */
final class ExpectedEvents {

  static final String ORDER_PLACED = "OrderPlaced";
  static final String PAYMENT_CAPTURED = "PaymentCaptured";
  static final String PAYMENT_FAILED = "PaymentFailed";
  static final String INVENTORY_RESERVED = "InventoryReserved";
  static final String INVENTORY_REJECTED = "InventoryRejected";
  static final String ORDER_FULFILLED = "OrderFulfilled";
  static final String ORDER_CANCELLED = "OrderCancelled";

  private ExpectedEvents() {}

  /** The events the order must have announced, each exactly once. */
  static Set<String> required(Observed.OrderRow order) {
    Set<String> types = new LinkedHashSet<>();
    types.add(ORDER_PLACED);
    if (order.paymentId() != null) {
      types.add(PAYMENT_CAPTURED);
    }
    if (Observed.PAYMENT_FAILED.equals(order.status())) {
      types.add(PAYMENT_FAILED);
    }
    if (Observed.RESERVED.equals(order.inventory())) {
      types.add(INVENTORY_RESERVED);
    } else if (Observed.REJECTED.equals(order.inventory())) {
      types.add(INVENTORY_REJECTED);
    }
    if (Observed.FULFILLED.equals(order.status())) {
      types.add(ORDER_FULFILLED);
    } else if (Observed.CANCELLED.equals(order.status())) {
      types.add(ORDER_CANCELLED);
    }
    return types;
  }

  /**
   * The events the order may have announced (at most once each) besides the required ones.
   *
   * @param declined whether the payment provider's ledger shows the order's charge declined
   */
  static Set<String> optional(Observed.OrderRow order, boolean declined) {
    boolean cancelledUnpaid =
        Observed.CANCELLED.equals(order.status()) && order.paymentId() == null;
    return cancelledUnpaid && declined ? Set.of(PAYMENT_FAILED) : Set.of();
  }

  /** Whether the notifications queue's rule routes events of this type. */
  static boolean notifying(String detailType) {
    return detailType.startsWith("Payment") || detailType.startsWith("Inventory");
  }
}
