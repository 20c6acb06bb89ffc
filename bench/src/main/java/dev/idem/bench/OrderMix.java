package dev.idem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders the exactly-once auditor places, and the stock they draw on. Most orders take 1 to 3
 * units of one of seven plentiful SKUs; one in 14 also asks for one unit of the scarce SKU, and
 * another one in 14 asks for that unit alone. The scarce SKU is stocked for {@link #SCARCE_SHARE}
 * of the orders (1 in 7 want it), so it runs out about 70% of the way through the run, and the
 * scarce orders after that are rejected and cancelled — the CANCELLED path, paid or not, and a
 * two-line order whose plentiful line must not be taken either, are audited too. Every order stays
 * far below the review threshold.
 *
 * @param orders how many orders the run places
 */
record OrderMix(int orders) {

  /** Cheap SKUs, stocked far beyond what a run can order. */
  static final List<String> PLENTIFUL =
      List.of("SKU-001", "SKU-004", "SKU-005", "SKU-006", "SKU-009", "SKU-010", "SKU-011");

  /** The seed's "Limited roast": 18.90. */
  static final String SCARCE = "SKU-012";

  /** The scarce SKU's stock per order placed: 1 in 7 orders want one unit, 1 in 10 get it. */
  static final double SCARCE_SHARE = 0.1;

  static final long PLENTY = 1_000_000;

  /** The units per SKU of order {@code n} (0-based), in line order. */
  Map<String, Long> lines(int n) {
    Map<String, Long> lines = new LinkedHashMap<>();
    if (n % 14 == 3) {
      lines.put(SCARCE, 1L);
      return lines;
    }
    lines.put(PLENTIFUL.get((n / 7 + n) % PLENTIFUL.size()), 1L + n % 3);
    if (n % 14 == 10) {
      lines.put(SCARCE, 1L);
    }
    return lines;
  }

  /** Each SKU's stock for this run: the scarce one's for {@link #SCARCE_SHARE} of the orders. */
  Map<String, Long> stock() {
    Map<String, Long> stock = new LinkedHashMap<>();
    PLENTIFUL.forEach(sku -> stock.put(sku, PLENTY));
    stock.put(SCARCE, Math.max(1, Math.round(orders * SCARCE_SHARE)));
    return stock;
  }

  /** The {@code POST /orders} body of {@code lines} for {@code customerId}. */
  static String body(String customerId, Map<String, Long> lines) {
    StringBuilder json =
        new StringBuilder("{\"customerId\":\"")
            .append(customerId)
            .append("\",\"currency\":\"EUR\",\"lines\":[");
    lines.forEach((sku, quantity) -> {
      if (json.charAt(json.length() - 1) != '[') {
        json.append(',');
      }
      json.append("{\"sku\":\"")
          .append(sku)
          .append("\",\"quantity\":")
          .append(quantity)
          .append('}');
    });
    return json.append("]}").toString();
  }
}
