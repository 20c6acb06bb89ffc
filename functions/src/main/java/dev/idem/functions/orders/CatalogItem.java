package dev.idem.functions.orders;

/**
 * A catalog entry as the Catalog table holds it.
 *
 * @param sku the item
 * @param unitPrice the price of one, in minor units of {@code currency}
 * @param currency ISO-4217 code of the price
 */
public record CatalogItem(String sku, long unitPrice, String currency) {}
