package dev.idem.idempotency;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition of one of the work's own transactional writes failed, so the transaction was
 * cancelled: neither the work's writes nor the idempotency record were written, and the key is free
 * for a retry. Catch it to turn a failed business condition (for example "not enough stock") into a
 * result.
 */
public final class EffectConditionFailedException extends IdempotencyException {

  private final int writeIndex;
  private final transient Map<String, AttributeValue> item;

  /**
   * Creates the exception.
   *
   * @param writeIndex position of the failed write among the work's writes, from 0
   * @param item the item as it was when the condition failed; empty if it did not exist
   */
  public EffectConditionFailedException(int writeIndex, Map<String, AttributeValue> item) {
    super(
        "The condition of the work's transactional write #"
            + writeIndex
            + " failed; nothing was written",
        null);
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
