package dev.idem.idempotency.spi;

import dev.idem.idempotency.IdempotencyStoreException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A store that can commit the work's own DynamoDB writes atomically with the record: the record and
 * the writes land together or not at all.
 */
public interface TransactionalIdempotencyStore extends IdempotencyStore {

  /**
   * Completes the record and commits {@code writes} in one transaction, if the caller still holds
   * the lease.
   *
   * @return false when the lease was taken over (nothing was written)
   * @throws WriteRejectedException if one of {@code writes} failed its condition (nothing was
   *     written)
   * @throws IdempotencyStoreException if the transaction could not run (conflict, throttling)
   */
  boolean complete(Completion completion, List<TransactWriteItem> writes);

  /**
   * Claims the key, stores the completed record and commits {@code writes}, all in one transaction:
   * exactly once, in one round trip.
   *
   * @return {@code Claimed} when everything was written, {@code Existing} with the live record when
   *     the key was already claimed or completed (nothing was written)
   * @throws WriteRejectedException if one of {@code writes} failed its condition (nothing was
   *     written)
   * @throws IdempotencyStoreException if the transaction could not run (conflict, throttling)
   */
  ClaimResult claimCompleted(
      ClaimRequest claim, Completion completion, List<TransactWriteItem> writes);
}
