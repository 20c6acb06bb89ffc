package dev.idem.local;

import dev.idem.local.lambda.AsyncDelays;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The local cloud's sense of time: the clock schedules fire by and asynchronous events age by, how
 * often schedules are checked, and the waits of Lambda's asynchronous queue. Tests move a {@code
 * TestClock} with a fast tick and short waits instead of waiting for real minutes.
 *
 * @param clock when schedules are due and how old asynchronous events are
 * @param scheduleTick how often schedules are checked against the clock (1 s)
 * @param asyncDelays the asynchronous queue's retry waits ({@link AsyncDelays#LAMBDA})
 */
public record Timing(Clock clock, Duration scheduleTick, AsyncDelays asyncDelays) {

  /** Real time: the system clock, a one-second tick, Lambda's waits. */
  public static final Timing REAL =
      new Timing(Clock.systemUTC(), Duration.ofSeconds(1), AsyncDelays.LAMBDA);

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the tick is not positive
   */
  public Timing {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(asyncDelays, "asyncDelays");
    if (!scheduleTick.isPositive()) {
      throw new IllegalArgumentException("scheduleTick must be positive: " + scheduleTick);
    }
  }
}
