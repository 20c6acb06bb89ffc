/**
 * ReserveInventoryFunction: reserves a placed order's stock — every line or none — in one
 * transaction with its idempotency record, or records that the stock was short and cancels the
 * order.
 */
package dev.idem.functions.inventory;
