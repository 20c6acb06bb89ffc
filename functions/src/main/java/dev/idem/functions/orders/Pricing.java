package dev.idem.functions.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices a valid request from the catalog: each line at the catalog's unit price, the total their
 * sum, in minor units, with overflow refused rather than wrapped.
 */
public final class Pricing {

  private Pricing() {}

  /** The outcome: the priced lines, or why the order cannot be priced. */
  public sealed interface Priced {

    /** Every line priced. */
    record Ok(PricedLines lines) implements Priced {}

    /**
     * The order cannot be priced.
     *
     * @param type the problem type's slug
     * @param title the problem type's fixed title
     * @param detail what was wrong with this order, for the client
     */
    record Refused(String type, String title, String detail) implements Priced {}
  }

  /** Prices {@code request} from {@code catalog}, which maps a SKU to its entry. */
  public static Priced price(PlaceOrderRequest request, Map<String, CatalogItem> catalog) {
    List<OrderLine> lines = new ArrayList<>(request.lines().size());
    long total = 0;
    for (PlaceOrderRequest.Line line : request.lines()) {
      CatalogItem item = catalog.get(line.sku());
      if (item == null) {
        return new Priced.Refused(
            "unknown-sku", "Unknown SKU", "sku " + line.sku() + " is not in the catalog");
      }
      if (!item.currency().equals(request.currency())) {
        return new Priced.Refused(
            "currency-mismatch",
            "Currency not accepted",
            "currency "
                + request.currency()
                + " does not match the catalog's currency "
                + item.currency());
      }
      try {
        long lineTotal = Math.multiplyExact(item.unitPrice(), line.quantity());
        total = Math.addExact(total, lineTotal);
        lines.add(new OrderLine(line.sku(), line.quantity(), item.unitPrice(), lineTotal));
      } catch (ArithmeticException overflow) {
        return new Priced.Refused(
            "order-total-too-large",
            "Order total too large",
            "The order's total exceeds the largest amount that can be charged");
      }
    }
    return new Priced.Ok(new PricedLines(lines, total));
  }
}
