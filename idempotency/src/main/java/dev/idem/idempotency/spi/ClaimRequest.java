package dev.idem.idempotency.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to claim a key: write an in-progress record unless a live one exists.
 *
 * @param id the namespaced record id
 * @param fingerprint SHA-256 of the payload, hex
 * @param leaseToken a fresh random token that fences this holder's later writes
 * @param leaseExpiry when the lease runs out; a store keeps it to the millisecond at least
 * @param recordExpiry when the record stops counting; a store keeps it to the second at least
 * @param now the caller's current time, against which existing records are judged
 */
public record ClaimRequest(
    String id,
    String fingerprint,
    String leaseToken,
    Instant leaseExpiry,
    Instant recordExpiry,
    Instant now) {

  public ClaimRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(leaseToken, "leaseToken");
    Objects.requireNonNull(leaseExpiry, "leaseExpiry");
    Objects.requireNonNull(recordExpiry, "recordExpiry");
    Objects.requireNonNull(now, "now");
  }

  /** The in-progress record this claim writes. */
  public IdempotencyRecord toRecord() {
    return new IdempotencyRecord(
        id, RecordStatus.IN_PROGRESS, recordExpiry, leaseExpiry, leaseToken, fingerprint, null);
  }
}
