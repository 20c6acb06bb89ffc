package dev.idem.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The DynamoDB writes a {@link TransactionalWork} wants committed together with its idempotency
 * record. Up to {@value #MAX_WRITES} writes (DynamoDB's transaction limit, less the record). Not
 * thread-safe: one instance belongs to one invocation.
 */
public final class TransactionWrites {

  /** The most writes one transaction may carry besides the idempotency record. */
  public static final int MAX_WRITES = 99;

  private final List<TransactWriteItem> items = new ArrayList<>();

  /**
   * Adds a write of any kind.
   *
   * @throws IllegalStateException past {@value #MAX_WRITES} writes
   */
  public TransactionWrites add(TransactWriteItem item) {
    Objects.requireNonNull(item, "item");
    if (items.size() == MAX_WRITES) {
      throw new IllegalStateException(
          "A transaction carries at most " + MAX_WRITES + " writes besides the idempotency record");
    }
    items.add(item);
    return this;
  }

  /** Adds a put. */
  public TransactionWrites put(Put put) {
    return add(TransactWriteItem.builder().put(put).build());
  }

  /** Adds an update. */
  public TransactionWrites update(Update update) {
    return add(TransactWriteItem.builder().update(update).build());
  }

  /** Adds a delete. */
  public TransactionWrites delete(Delete delete) {
    return add(TransactWriteItem.builder().delete(delete).build());
  }

  /** Adds a condition check: the transaction commits only if it holds. */
  public TransactionWrites conditionCheck(ConditionCheck check) {
    return add(TransactWriteItem.builder().conditionCheck(check).build());
  }

  /** The writes added so far, in order. */
  public List<TransactWriteItem> items() {
    return List.copyOf(items);
  }
}
