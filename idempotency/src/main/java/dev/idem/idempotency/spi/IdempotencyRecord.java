package dev.idem.idempotency.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key's record as the store holds it.
 *
 * @param id the namespaced record id
 * @param status in progress or completed
 * @param expiry when the record stops counting (whatever TTL deletion does later)
 * @param leaseExpiry when the holder's lease runs out; null once completed
 * @param leaseToken the holder's random token; null once completed
 * @param fingerprint SHA-256 of the payload, hex
 * @param response the stored response as JSON; null while in progress
 */
public record IdempotencyRecord(
    String id,
    RecordStatus status,
    Instant expiry,
    Instant leaseExpiry,
    String leaseToken,
    String fingerprint,
    String response) {

  public IdempotencyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiry, "expiry");
    if (status == RecordStatus.IN_PROGRESS) {
      Objects.requireNonNull(leaseExpiry, "leaseExpiry of an in-progress record");
    }
  }

  /** True when the record no longer counts at {@code now}: it may be claimed afresh. */
  public boolean isExpired(Instant now) {
    return !expiry.isAfter(now);
  }

  /** True when the record is in progress and its holder's lease has run out at {@code now}. */
  public boolean isLeaseExpired(Instant now) {
    return status == RecordStatus.IN_PROGRESS && !leaseExpiry.isAfter(now);
  }

  /** True when a claim at {@code now} may take this record's place. */
  public boolean isClaimable(Instant now) {
    return isExpired(now) || isLeaseExpired(now);
  }

  /** The stored response JSON, present once completed. */
  public Optional<String> responseJson() {
    return Optional.ofNullable(response);
  }

  @Override
  public String toString() {
    // Never print the stored response: it may hold personal data.
    return "IdempotencyRecord[id=" + id + ", status=" + status + ", expiry=" + expiry + "]";
  }
}
