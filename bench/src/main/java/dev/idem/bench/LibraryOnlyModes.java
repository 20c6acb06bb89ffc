package dev.idem.bench;

import dev.idem.bench.Orders.Order;
import dev.idem.bench.Orders.Receipt;
import dev.idem.idempotency.EmfMetricsListener;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The library with no DynamoDB at all (an in-memory store, a handler that does nothing): its own
 * CPU cost per call, and what the default metrics listener adds to it when its output costs
 * nothing.
 */
final class LibraryOnlyModes {

  private final Idempotency quiet;
  private final Idempotency withEmf;

  LibraryOnlyModes() {
    this.quiet = idempotency(IdempotencyListener.NONE);
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    this.withEmf = idempotency(new EmfMetricsListener(discard, "Idem", Clock.systemUTC()));
  }

  /** Completes the keys that the cached modes replay. */
  void prepare() {
    for (int i = 0; i < IdempotencyModes.REPLAY_KEYS; i++) {
      Order order = Orders.order(i);
      Receipt receipt = Orders.receipt(order);
      quiet.execute(IdempotentRequest.of("cached-" + i, order), Receipt.class, () -> receipt);
      withEmf.execute(IdempotentRequest.of("cached-" + i, order), Receipt.class, () -> receipt);
    }
  }

  List<Mode> all() {
    return List.of(
        new Mode(
            "library_only_first",
            "execute, new key, in-memory store, handler does nothing: the library's own cost",
            this::first),
        new Mode(
            "cached_duplicate_emf",
            "cached_duplicate with the default EMF listener writing to a discarding stream",
            this::cachedWithEmf));
  }

  private void first(long sequence) {
    Order order = Orders.order(sequence);
    quiet.execute(
        IdempotentRequest.of("first-" + sequence, order),
        Receipt.class,
        () -> Orders.receipt(order));
  }

  private void cachedWithEmf(long sequence) {
    int i = (int) (sequence % IdempotencyModes.REPLAY_KEYS);
    withEmf.execute(
        IdempotentRequest.of("cached-" + i, Orders.order(i)),
        Receipt.class,
        () -> {
          throw new IllegalStateException("A duplicate ran its work");
        });
  }

  private static Idempotency idempotency(IdempotencyListener listener) {
    return Idempotency.builder()
        .store(new InMemoryIdempotencyStore())
        .keyPrefix(IdempotencyWorkload.KEY_PREFIX)
        .listener(listener)
        .build();
  }
}
