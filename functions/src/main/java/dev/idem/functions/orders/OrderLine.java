package dev.idem.functions.orders;

/**
 * One priced line of an order; money in minor units of the order's currency.
 *
 * @param sku the catalog item
 * @param quantity how many, 1 to 1000
 * @param unitPrice the catalog's price of one when the order was placed
 * @param lineTotal {@code unitPrice * quantity}
 */
public record OrderLine(String sku, int quantity, long unitPrice, long lineTotal) {}
