package dev.idem.idempotency.testkit;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.Work;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every behaviour contract of {@link Idempotency} shares: a store under test, a clock that
 * moves only when the test moves it, a listener that records every decision, and a key prefix of
 * the test's own so that tests sharing a table never meet.
 */
public abstract class IdempotencyContract {

  protected static final Duration TTL = Duration.ofHours(1);

  protected final TestClock clock = TestClock.atCurrentSecond();
  protected final RecordingListener listener = new RecordingListener();
  protected final String prefix = "t-" + UUID.randomUUID();
  protected final AtomicInteger runs = new AtomicInteger();
  private final ClaimedIds claims = new ClaimedIds();

  /** The store under test. */
  protected abstract StoreBackend backend();

  @BeforeEach
  void forgetEarlierCalls() {
    backend().resetCalls();
  }

  /** A builder on the store under test, with this test's prefix, clock and listener. */
  protected Idempotency.Builder builder() {
    return Idempotency.builder()
        .store(claims.watching(backend().store()))
        .keyPrefix(prefix)
        .recordTtl(TTL)
        .clock(clock)
        .listener(listener);
  }

  /** A new instance, as a new container would have: its cache starts empty. */
  protected Idempotency idempotency() {
    return builder().build();
  }

  /** Work that counts its runs in {@link #runs} and returns {@code response}. */
  protected <T> Work<T, RuntimeException> work(T response) {
    return () -> {
      runs.incrementAndGet();
      return response;
    };
  }

  /**
   * The record id of the first claim this test made. The library keeps how it derives ids from keys
   * to itself, so the contracts learn the id from the store's side, as a store would see it.
   */
  protected String firstClaimedId() {
    return claims.first();
  }

  /** A response type with a few fields. */
  public record Receipt(String id, int amountCents) {}

  /** A response that says how the operation went, as an HTTP handler would return. */
  public record Outcome(int status, String body) {}
}
