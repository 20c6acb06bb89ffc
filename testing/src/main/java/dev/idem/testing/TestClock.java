package dev.idem.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class TestClock extends Clock {

  private final AtomicReference<Instant> now;

  /** A clock at {@code start}. */
  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * A clock at the current whole second: records it stamps expire in the future for real, so no TTL
   * sweeper can delete them during a test, and whole seconds survive the store's epoch-second
   * expiry attribute unchanged.
   */
  public static TestClock atCurrentSecond() {
    return new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Moves the clock forward by {@code duration}. */
  public void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock: a test clock is always UTC, and moving it must move every view of it. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
