package dev.idem.idempotency.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A holder's request to mark its key completed with a response.
 *
 * @param id the namespaced record id
 * @param leaseToken the token of the claim; the completion is refused if another holds the key
 * @param fingerprint SHA-256 of the payload, hex
 * @param response the response as JSON; the text {@code null} for a null response
 * @param recordExpiry when the completed record stops counting
 */
public record Completion(
    String id, String leaseToken, String fingerprint, String response, Instant recordExpiry) {

  public Completion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(leaseToken, "leaseToken");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(recordExpiry, "recordExpiry");
  }

  /** The completed record this completion writes. */
  public IdempotencyRecord toRecord() {
    return new IdempotencyRecord(
        id, RecordStatus.COMPLETED, recordExpiry, null, null, fingerprint, response);
  }

  @Override
  public String toString() {
    return "Completion[id=" + id + ", recordExpiry=" + recordExpiry + "]";
  }
}
