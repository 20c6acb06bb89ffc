package dev.idem.idempotency.transactional;

import java.util.Random;

/** Responses of a chosen size for the size-limit tests. */
final class Responses {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Responses() {}

  /** Random letters and digits, which gzip can shrink only to about three quarters. */
  static String incompressible(int length) {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
