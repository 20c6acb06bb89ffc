package dev.idem.local.sources;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: each delay is 50 to 100 % of a step that doubles to a cap. */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private Duration step;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.step = initial;
  }

  Duration next() {
    long nanos = step.toNanos();
    Duration delay =
        Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    step = step.multipliedBy(2).compareTo(max) > 0 ? max : step.multipliedBy(2);
    return delay;
  }

  void reset() {
    step = initial;
  }
}
