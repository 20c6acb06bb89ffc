package dev.idem.idempotency.props;

import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The reference model of one key's record life: absent, in progress under a holder's token and
 * lease, or completed with a response. It states the store contract in the fewest lines: a claim
 * wins when no live record stands in the way; completion and release need the current token.
 */
final class RecordModel {

  /** What a key's record is. */
  sealed interface State {

    /** The state a store's record (or its absence) stands for. */
    static State of(Optional<IdempotencyRecord> record) {
      return record.map(State::of).orElse(new Absent());
    }

    /** The state a store's record stands for. */
    static State of(IdempotencyRecord record) {
      return record.status() == RecordStatus.IN_PROGRESS
          ? new InProgress(record.leaseToken(), record.leaseExpiry(), record.expiry())
          : new Completed(record.response(), record.expiry());
    }
  }

  /** No record. */
  record Absent() implements State {}

  /** A holder runs the work under a lease. */
  record InProgress(String token, Instant leaseExpiry, Instant expiry) implements State {}

  /** The work's response, replayed until the record expires. */
  record Completed(String response, Instant expiry) implements State {}

  /** A claim's outcome: won (perhaps over an expired holder), or refused by a live record. */
  record ClaimOutcome(boolean claimed, boolean tookOver, State existing) {}

  private State state = new Absent();

  State state() {
    return state;
  }

  ClaimOutcome claim(String token, Instant now, Instant leaseExpiry, Instant expiry) {
    if (!isClaimable(now)) {
      return new ClaimOutcome(false, false, state);
    }
    boolean tookOver = state instanceof InProgress;
    state = new InProgress(token, leaseExpiry, expiry);
    return new ClaimOutcome(true, tookOver, null);
  }

  boolean complete(String token, String response, Instant expiry) {
    if (!holds(token)) {
      return false;
    }
    state = new Completed(response, expiry);
    return true;
  }

  boolean release(String token) {
    if (!holds(token)) {
      return false;
    }
    state = new Absent();
    return true;
  }

  private boolean holds(String token) {
    return state instanceof InProgress held && held.token().equals(token);
  }

  private boolean isClaimable(Instant now) {
    return switch (state) {
      case Absent absent -> true;
      case InProgress held -> !held.expiry().isAfter(now) || !held.leaseExpiry().isAfter(now);
      case Completed done -> !done.expiry().isAfter(now);
    };
  }
}
