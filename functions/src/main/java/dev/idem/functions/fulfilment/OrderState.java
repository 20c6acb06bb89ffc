package dev.idem.functions.fulfilment;

import dev.idem.functions.orders.InventoryStatus;
import dev.idem.functions.orders.OrderStatus;

/**
 * Where an order stands.
 *
 * @param orderId the order
 * @param status its status
 * @param inventory whether its stock is reserved
 */
public record OrderState(String orderId, OrderStatus status, InventoryStatus inventory) {}
