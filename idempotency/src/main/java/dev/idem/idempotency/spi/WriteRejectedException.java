package dev.idem.idempotency.spi;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Thrown by a {@link TransactionalIdempotencyStore} when the condition of one of the work's own
 * writes failed and the transaction was cancelled, nothing written. The library never lets it reach
 * a caller: it becomes the value {@link dev.idem.idempotency.Outcome.Rejected}.
 */
public final class WriteRejectedException extends RuntimeException {

  private final int writeIndex;
  private final transient Map<String, AttributeValue> item;

  /**
   * Creates the exception.
   *
   * @param writeIndex position of the failed write among the work's writes, from 0
   * @param item the item as it was when the condition failed; empty if it did not exist
   */
  public WriteRejectedException(int writeIndex, Map<String, AttributeValue> item) {
    super(
        "The condition of the work's transactional write #" + writeIndex + " failed",
        null,
        false,
        false);
    this.writeIndex = writeIndex;
    this.item = item == null ? Map.of() : Map.copyOf(item);
  }

  /** Position of the failed write among the writes the work added, from 0. */
  public int writeIndex() {
    return writeIndex;
  }

  /** The item that failed the condition, as it was; empty if it did not exist. */
  public Map<String, AttributeValue> item() {
    return item == null ? Map.of() : item;
  }
}
