/**
 * Orders over HTTP: {@code POST /orders} places an order, priced from the catalog and written with
 * its idempotency record in one transaction; {@code GET /orders/{orderId}} reads one. The order
 * item's layout ({@link dev.idem.functions.orders.OrderItems}) is defined here once.
 */
package dev.idem.functions.orders;
