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
  static <E extends Enum<E>> void collectAndRequire(
      Class<E> situations, Set<E> observed, double minPercent) {
    for (E situation : situations.getEnumConstants()) {
      Statistics.label(situation.name()).collect(observed.contains(situation));
      Statistics.label(situation.name())
          .coverage(coverage -> coverage.check(true).percentage(p -> p >= minPercent));
    }
  }

  /** The interesting situations of whole calls. */
  enum Call {
    /** A call took over a holder whose lease had run out, and ran its work. */
    TAKEOVER,
    /** A holder finished after another took its key over; its result was not stored. */
    LEASE_LOST,
    /** A call got the stored response without running its work. */
    REPLAYED,
    /** A call was refused because another held the key. */
    IN_FLIGHT,
    /** A call ran its work again after the stored response expired. */
    RAN_AGAIN_AFTER_EXPIRY
  }
}
