package dev.idem.functions.orders;

import java.util.List;

/**
 * An order's lines at the catalog's prices, and their total in minor units.
 *
 * @param lines the lines in the order the client sent them
 * @param total the sum of the lines' totals
 */
public record PricedLines(List<OrderLine> lines, long total) {

  public PricedLines {
    lines = List.copyOf(lines);
  }
}
