package dev.idem.local.console;

import dev.idem.testing.StubProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The requests the HTTP stubs (the external providers' stand-ins) answered, in a {@link Ring}: the
 * key each carried is kept as a hash only. Thread-safe.
 */
final class StubLog {

  /**
   * One request.
   *
   * @param sequence its number since the console started, from 1
   * @param at when it arrived
   * @param duration until its answer
   * @param stub the stub's name, e.g. {@code payments}
   * @param method the HTTP method
   * @param path the path
   * @param keyHash the first 16 hex digits of the SHA-256 of its {@code Idempotency-Key}, or null
   * @param status the answer's status; 0 when the connection was closed without one
   * @param request the body, as kept
   * @param answer the answer's body, as kept
   * @param applied whether the provider applied it now (false: a repeat of its key)
   * @param lost how a fault lost its answer, or null
   */
  record Entry(
      long sequence,
      Instant at,
      Duration duration,
      String stub,
      String method,
      String path,
      String keyHash,
      int status,
      String request,
      String answer,
      boolean applied,
      String lost) {

    long storedChars() {
      return (long) path.length() + request.length() + answer.length();
    }
  }

  private final Ring<Entry> ring;
  private final Clock clock;

  StubLog(int capacity, Clock clock) {
    this.ring = new Ring<>(capacity);
    this.clock = clock;
  }

  /** Keeps one exchange of the stub {@code stub}. */
  void heard(String stub, StubProvider.Exchange exchange) {
    Instant at = clock.instant().minus(exchange.duration());
    String keyHash = exchange.idempotencyKey() == null ? null : hash(exchange.idempotencyKey());
    String request = Texts.keep(exchange.body());
    String answer = Texts.keep(exchange.answer());
    ring.add(sequence ->
        new Entry(
            sequence,
            at,
            exchange.duration(),
            stub,
            exchange.method(),
            Texts.cut(exchange.path()),
            keyHash,
            exchange.status(),
            request,
            answer,
            exchange.applied(),
            exchange.lost()));
  }

  /** Every kept request, newest first. */
  List<Entry> all() {
    return ring.all();
  }

  /** A short hash that tells keys apart without showing them. */
  static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
