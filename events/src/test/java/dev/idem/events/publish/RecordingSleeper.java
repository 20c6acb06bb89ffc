package dev.idem.events.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that returns at once and remembers what it was asked to wait. */
final class RecordingSleeper implements Sleeper {

  final List<Duration> delays = new ArrayList<>();

  @Override
  public void sleep(Duration duration) {
    delays.add(duration);
  }

  /** A policy of {@code attempts} attempts with 100 ms / 2 s caps, sleeping on this sleeper. */
  RetryPolicy policy(int attempts) {
    return RetryPolicy.defaults().maxAttempts(attempts).sleeper(this).random(() -> 0L);
  }
}
