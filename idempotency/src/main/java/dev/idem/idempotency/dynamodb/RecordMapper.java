package dev.idem.idempotency.dynamodb;

import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.idempotency.spi.StoredResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts records to and from DynamoDB items under a schema. */
final class RecordMapper {

  private final IdempotencyTableSchema schema;

  RecordMapper(IdempotencyTableSchema schema) {
    this.schema = schema;
  }

  Map<String, AttributeValue> key(String id) {
    if (schema.isComposite()) {
      return Map.of(
          schema.partitionKey(), s(schema.staticPartitionValue()), schema.sortKey(), s(id));
    }
    return Map.of(schema.partitionKey(), s(id));
  }

  /** The attribute that exists on every record: its sort key, or else its partition key. */
  String idAttribute() {
    return schema.isComposite() ? schema.sortKey() : schema.partitionKey();
  }

  Map<String, AttributeValue> inProgressItem(IdempotencyRecord record) {
    Map<String, AttributeValue> item = new HashMap<>(key(record.id()));
    item.put(schema.status(), s(IdempotencyTableSchema.statusValue(RecordStatus.IN_PROGRESS)));
    item.put(schema.expiration(), n(record.expiry().getEpochSecond()));
    item.put(schema.inProgressExpiration(), n(record.leaseExpiry().toEpochMilli()));
    item.put(schema.validation(), s(record.fingerprint()));
    item.put(schema.lease(), s(record.leaseToken()));
    return item;
  }

  Map<String, AttributeValue> completedItem(IdempotencyRecord record, StoredResponse data) {
    Map<String, AttributeValue> item = new HashMap<>(key(record.id()));
    item.put(schema.status(), s(IdempotencyTableSchema.statusValue(RecordStatus.COMPLETED)));
    item.put(schema.expiration(), n(record.expiry().getEpochSecond()));
    item.put(schema.validation(), s(record.fingerprint()));
    item.put(schema.data(), data(data));
    return item;
  }

  AttributeValue data(StoredResponse data) {
    return data.isCompressed()
        ? AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(data.compressed()))
        : s(data.text());
  }

  /** The record an item holds; null for an empty item (no record). */
  IdempotencyRecord toRecord(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return null;
    }
    String id = item.get(idAttribute()).s();
    RecordStatus status = IdempotencyTableSchema.statusOf(item.get(schema.status()).s());
    Instant expiry = Instant.ofEpochSecond(Long.parseLong(item.get(schema.expiration()).n()));
    AttributeValue leaseExpiry = item.get(schema.inProgressExpiration());
    AttributeValue lease = item.get(schema.lease());
    AttributeValue validation = item.get(schema.validation());
    return new IdempotencyRecord(
        id,
        status,
        expiry,
        leaseExpiry == null ? null : Instant.ofEpochMilli(Long.parseLong(leaseExpiry.n())),
        lease == null ? null : lease.s(),
        validation == null ? "" : validation.s(),
        status == RecordStatus.COMPLETED ? response(item.get(schema.data())) : null);
  }

  private static String response(AttributeValue data) {
    if (data == null) {
      return "null";
    }
    return data.b() != null ? StoredResponse.decompress(data.b().asByteArrayUnsafe()) : data.s();
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
