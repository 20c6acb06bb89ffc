package dev.idem.idempotency.props;

import java.util.Set;
import net.jqwik.api.statistics.Statistics;

/** The interesting situations an interleaving reached, to prove the generator reaches them. */
enum Observed {
  /** A claim replaced a holder whose lease had run out. */
  TAKEOVER,
  /** A claim was refused by a live holder. */
  REFUSED_BY_HOLDER,
  /** A claim was refused by an unexpired completed record. */
  REFUSED_BY_COMPLETED,
  /** A claim replaced an expired completed record. */
  RECLAIMED_AFTER_EXPIRY,
  /** A completion succeeded. */
  COMPLETED,
  /** A release succeeded. */
  RELEASED,
  /** A completion or release with a stale or unknown token was refused. */
  STALE_TOKEN_REFUSED;

  /**
   * Collects which situations one try reached, and fails the property when a situation is reached
   * in fewer than {@code minPercent} of the tries.
   */
  static void collectAndRequire(Set<Observed> observed, double minPercent) {
    for (Observed situation : values()) {
      Statistics.label(situation.name()).collect(observed.contains(situation));
      Statistics.label(situation.name())
          .coverage(coverage -> coverage.check(true).percentage(p -> p >= minPercent));
    }
  }
}
