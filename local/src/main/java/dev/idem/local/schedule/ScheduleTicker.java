package dev.idem.local.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fires schedules on time: every tick (one second by default) it reads the clock and fires each
 * schedule whose time has come, once, with the time it was due. A schedule that fell behind (the
 * clock jumped) fires once and resumes from the clock's time, as AWS does not catch up on missed
 * firings. Time comes from the injected {@link Clock}, so a test moves a {@code TestClock} and
 * calls {@link #tick()} (or lets a fast tick run) instead of waiting.
 *
 * {@snippet :
 * try (ScheduleTicker ticker = ScheduleTicker.start(Clock.systemUTC(), Duration.ofSeconds(1))) {
 *   ticker.put("nightly", ScheduleExpression.parse("cron(0 3 * * ? *)"), ZoneOffset.UTC,
 *       due -> System.out.println("fired for " + due));
 * }
 * }
 */
public final class ScheduleTicker implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ScheduleTicker.class.getName());

  private record Entry(
      ScheduleExpression expression, ZoneId zone, Consumer<Instant> fire, Instant due) {}

  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  private ScheduleTicker(Clock clock, Duration tick, boolean run) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.thread = run ? Thread.ofVirtual().name("schedules").start(() -> loop(tick)) : null;
  }

  /**
   * A ticker reading {@code clock} every {@code tick}.
   *
   * @throws IllegalArgumentException when {@code tick} is not positive
   */
  public static ScheduleTicker start(Clock clock, Duration tick) {
    if (!tick.isPositive()) {
      throw new IllegalArgumentException("tick must be positive: " + tick);
    }
    return new ScheduleTicker(clock, tick, true);
  }

  /** A ticker that fires only when {@link #tick()} is called (for tests). */
  public static ScheduleTicker manual(Clock clock) {
    return new ScheduleTicker(clock, Duration.ZERO, false);
  }

  /**
   * Schedules {@code fire} under {@code key} (replacing what that key held), from now on.
   *
   * @param fire called with the due time, on the ticker's thread; it must not block for long
   */
  public void put(String key, ScheduleExpression expression, ZoneId zone, Consumer<Instant> fire) {
    Instant due = expression.next(clock.instant(), zone);
    if (due == null) {
      entries.remove(key);
    } else {
      entries.put(key, new Entry(expression, zone, fire, due));
    }
  }

  /** Stops the schedule under {@code key}, if any. */
  public void remove(String key) {
    entries.remove(key);
  }

  /** The keys scheduled now. */
  public java.util.Set<String> keys() {
    return java.util.Set.copyOf(entries.keySet());
  }

  /** Fires every schedule that is due by the clock's time. */
  public void tick() {
    Instant now = clock.instant();
    entries.forEach((key, entry) -> {
      if (!entry.due().isAfter(now)) {
        Instant next = entry.expression().next(entry.due(), entry.zone());
        while (next != null && !next.isAfter(now)) {
          next = entry.expression().next(next, entry.zone());
        }
        if (next == null) {
          entries.remove(key, entry);
        } else {
          entries.replace(
              key, entry, new Entry(entry.expression(), entry.zone(), entry.fire(), next));
        }
        fire(key, entry);
      }
    });
  }

  private void fire(String key, Entry entry) {
    try {
      entry.fire().accept(entry.due());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Schedule " + key + " failed to fire", e);
    }
  }

  private void loop(Duration tick) {
    while (!closed) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      tick();
    }
  }

  /** Stops ticking. */
  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
