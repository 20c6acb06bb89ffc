package dev.idem.infra.constructs;

import software.amazon.awscdk.Duration;

/** CDK durations as whole seconds, for validation arithmetic. */
final class Seconds {

  private Seconds() {}

  static long of(Duration duration) {
    return duration.toSeconds().longValue();
  }
}
