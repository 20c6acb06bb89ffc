package dev.idem.idempotency.dynamodb;

import dev.idem.idempotency.spi.RecordStatus;
import java.util.Objects;

/**
 * The attribute names of an idempotency table. The defaults are the layout that existing
 * idempotency tables already use ({@code id}, {@code expiration}, {@code in_progress_expiration},
 * {@code status}, {@code data}, {@code validation}), so such a table can be reused; {@code lease}
 * is added for fencing.
 *
 * <p>With a {@linkplain #compositeKey composite key}, records share one static partition key value
 * and the record id goes into the sort key, for single-table designs.
 *
 * @param partitionKey the partition key attribute (string)
 * @param sortKey the sort key attribute (string), or null for a table without one
 * @param staticPartitionValue the partition key value of every record when there is a sort key
 * @param expiration the record expiry, epoch seconds; make it the table's TTL attribute
 * @param inProgressExpiration the lease expiry, epoch milliseconds
 * @param status {@code INPROGRESS} or {@code COMPLETED}
 * @param data the response: JSON text, or gzip bytes when large
 * @param validation the payload fingerprint
 * @param lease the holder's lease token
 */
public record IdempotencyTableSchema(
    String partitionKey,
    String sortKey,
    String staticPartitionValue,
    String expiration,
    String inProgressExpiration,
    String status,
    String data,
    String validation,
    String lease) {

  public IdempotencyTableSchema {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(inProgressExpiration, "inProgressExpiration");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(lease, "lease");
    if ((sortKey == null) != (staticPartitionValue == null)) {
      throw new IllegalArgumentException(
          "A composite key needs both a sort key attribute and a static partition key value");
    }
  }

  /** The default layout: partition key {@code id}, no sort key. */
  public static IdempotencyTableSchema defaults() {
    return new IdempotencyTableSchema(
        "id",
        null,
        null,
        "expiration",
        "in_progress_expiration",
        "status",
        "data",
        "validation",
        "lease");
  }

  /**
   * The default attribute names with a composite key: every record under partition key value {@code
   * staticPartitionValue} in {@code partitionKey}, its id in {@code sortKey}.
   */
  public static IdempotencyTableSchema compositeKey(
      String partitionKey, String staticPartitionValue, String sortKey) {
    IdempotencyTableSchema d = defaults();
    return new IdempotencyTableSchema(
        partitionKey,
        sortKey,
        staticPartitionValue,
        d.expiration,
        d.inProgressExpiration,
        d.status,
        d.data,
        d.validation,
        d.lease);
  }

  /** True when records live under one partition key value, their ids in the sort key. */
  public boolean isComposite() {
    return sortKey != null;
  }

  /** The value stored in the status attribute, shared with existing idempotency tables. */
  public static String statusValue(RecordStatus status) {
    return switch (status) {
      case IN_PROGRESS -> "INPROGRESS";
      case COMPLETED -> "COMPLETED";
    };
  }

  /**
   * The status stored as {@code value}.
   *
   * @throws IllegalArgumentException for a value this library does not write
   */
  public static RecordStatus statusOf(String value) {
    for (RecordStatus status : RecordStatus.values()) {
      if (statusValue(status).equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Unknown idempotency record status: " + value);
  }
}
