package dev.idem.idempotency;

import dev.idem.idempotency.internal.RecordIds;
import dev.idem.idempotency.testkit.RecordingListener;
import dev.idem.idempotency.testkit.StoreBackend;
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

  /** The store under test. */
  protected abstract StoreBackend backend();

  @BeforeEach
  void forgetEarlierCalls() {
    backend().resetCalls();
  }

  /** A builder on the store under test, with this test's prefix, clock and listener. */
  protected Idempotency.Builder builder() {
    return Idempotency.builder()
        .store(backend().store())
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

  /** The record id of {@code key} from {@code caller} under this test's prefix. */
  protected String recordId(String caller, String key) {
    return RecordIds.of(prefix, caller, key);
  }

  /** A response type with a few fields. */
  public record Receipt(String id, int amountCents) {}

  /** A response that says how the operation went, as an HTTP handler would return. */
  public record Outcome(int status, String body) {}
}
