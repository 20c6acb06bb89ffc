package dev.idem.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are aligned left or right. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final String alignments;
  private final int columns;

  /**
   * A table with these column headers.
   *
   * @param alignments one letter per column: {@code L} to align left, {@code R} to align right
   * @throws IllegalArgumentException if there is not one known letter per header
   */
  Table(String alignments, String... headers) {
    if (!alignments.matches("[LR]*") || alignments.length() != headers.length) {
      throw new IllegalArgumentException("Need one of L or R per column, got " + alignments);
    }
    this.alignments = alignments;
    this.columns = headers.length;
    rows.add(headers.clone());
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException if it has another number of cells than the headers
   */
  Table row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("Expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /** The table, one line per row (the header first), each ending with a newline. */
  String render() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String flag = alignments.charAt(c) == 'L' ? "-" : "";
        line.append(c == 0 ? "" : "  ").append(String.format("%" + flag + widths[c] + "s", row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
