package dev.idem.idempotency.spi;

import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.ResponseTooLargeException;
import java.util.Optional;

/**
 * Where idempotency records live. Every method is atomic on one record and safe to call from many
 * threads and processes at once; expected outcomes come back as values, and only failures of the
 * store itself are thrown.
 *
 * <p>The rules every store keeps (the contract suite of {@code idem-idempotency-testkit} checks
 * them):
 *
 * <ul>
 *   <li>a claim succeeds only when no record exists, the record has expired, or it is in progress
 *       with an expired lease; otherwise it returns the existing record and writes nothing;
 *   <li>completion and release succeed only while the caller's lease token is the record's;
 *   <li>time is the caller's ({@link ClaimRequest#now()}), never the store's.
 * </ul>
 */
public interface IdempotencyStore {

  /**
   * Claims a key: writes an in-progress record unless a live record exists.
   *
   * @throws IdempotencyStoreException if the store cannot be reached
   */
  ClaimResult claim(ClaimRequest claim);

  /**
   * Marks the key completed with its response, if the caller still holds the lease.
   *
   * @return false when the lease was taken over by another holder (nothing was written)
   * @throws ResponseTooLargeException if the response does not fit in a record (nothing written)
   * @throws IdempotencyStoreException if the store cannot be reached
   */
  boolean complete(Completion completion);

  /**
   * Deletes the in-progress record so the key can run again, if the caller still holds the lease.
   *
   * @return false when the lease was taken over by another holder (nothing was deleted)
   * @throws IdempotencyStoreException if the store cannot be reached
   */
  boolean release(String id, String leaseToken);

  /**
   * Reads a record with strong consistency, whatever its expiry.
   *
   * @throws IdempotencyStoreException if the store cannot be reached
   */
  Optional<IdempotencyRecord> get(String id);

  /**
   * Warms the store's code paths (classes, marshallers, connections) without writing anything, for
   * SnapStart or provisioned-concurrency initialisation. Does nothing by default.
   */
  default void prime() {}
}
