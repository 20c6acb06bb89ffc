package dev.idem.functions.orders;

import java.util.List;

/**
 * A valid {@code POST /orders} body: who orders what, in which currency. Prices are never taken
 * from the client.
 *
 * @param customerId 1 to 64 of {@code A-Z a-z 0-9 _ -}
 * @param currency three upper-case letters
 * @param lines 1 to 50 lines, each SKU once
 */
public record PlaceOrderRequest(String customerId, String currency, List<Line> lines) {

  public PlaceOrderRequest {
    lines = List.copyOf(lines);
  }

  /** The SKUs ordered, in the order of the lines. */
  public List<String> skus() {
    return lines.stream().map(Line::sku).toList();
  }

  /**
   * One requested line.
   *
   * @param sku the catalog item
   * @param quantity how many, 1 to 1000
   */
  public record Line(String sku, int quantity) {}
}
