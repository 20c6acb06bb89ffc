/**
 * What the order's consumers share once an order is placed: reading the EventBridge events their
 * queues deliver ({@link dev.idem.functions.fulfilment.EventMessages}), the order's conditional
 * transitions ({@link dev.idem.functions.fulfilment.OrderTransitions}), and the last step that
 * payment and inventory race to take: {@code PAID + RESERVED → FULFILLED} ({@link
 * dev.idem.functions.fulfilment.OrderStore#fulfil}).
 */
package dev.idem.functions.fulfilment;
