package dev.idem.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Starts what prints on standard output (DynamoDB Local prints its settings there) with that output
 * sent to standard error: standard output carries the report, whose last line is read as JSON.
 */
final class Quietly {

  private Quietly() {}

  static synchronized <T> T start(Supplier<T> starter) {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return starter.get();
    } finally {
      System.setOut(stdout);
    }
  }
}
