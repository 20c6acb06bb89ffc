package dev.idem.idempotency.spi;

/** What a claim found: the key is now ours, or a live record stands in the way. */
public sealed interface ClaimResult {

  /**
   * The claim succeeded.
   *
   * @param tookOver true when it replaced an in-progress record whose lease had expired
   */
  record Claimed(boolean tookOver) implements ClaimResult {}

  /**
   * A live record exists; the claim wrote nothing.
   *
   * @param record the record as it was when the claim was refused
   */
  record Existing(IdempotencyRecord record) implements ClaimResult {}
}
