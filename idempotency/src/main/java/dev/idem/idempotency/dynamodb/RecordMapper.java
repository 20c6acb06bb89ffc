package dev.idem.idempotency.dynamodb;

import dev.idem.idempotency.MalformedRecordException;
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
  private final String tableName;

  RecordMapper(IdempotencyTableSchema schema, String tableName) {
    this.schema = schema;
    this.tableName = tableName;
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

  /**
   * Whether an item, read leniently, is a record in progress: the claim only needs to know this.
   */
  boolean isInProgress(Map<String, AttributeValue> item) {
    AttributeValue status = item == null ? null : item.get(schema.status());
    return status != null
        && IdempotencyTableSchema.statusValue(RecordStatus.IN_PROGRESS).equals(status.s());
  }

  /**
   * The record an item holds; null for an empty item (no record).
   *
   * @throws MalformedRecordException naming the attribute that is missing or wrong
   */
  IdempotencyRecord toRecord(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return null;
    }
    Reader reader = new Reader(item);
    String id = reader.string(idAttribute(), "the record id (prefix#hash)");
    RecordStatus status = reader.status();
    Instant expiry =
        Instant.ofEpochSecond(
            reader.number(schema.expiration(), "the record expiry, epoch seconds"));
    Instant leaseExpiry =
        status == RecordStatus.IN_PROGRESS || item.containsKey(schema.inProgressExpiration())
            ? Instant.ofEpochMilli(
                reader.number(
                    schema.inProgressExpiration(), "the lease expiry, epoch milliseconds"))
            : null;
    String lease = reader.optionalString(schema.lease(), "the holder's lease token");
    String validation = reader.optionalString(schema.validation(), "the payload fingerprint");
    return new IdempotencyRecord(
        id,
        status,
        expiry,
        leaseExpiry,
        lease,
        validation == null ? "" : validation,
        status == RecordStatus.COMPLETED ? reader.response() : null);
  }

  /** Reads one item's attributes, saying which one is wrong and how to fix it when one is. */
  private final class Reader {
    private final Map<String, AttributeValue> item;

    Reader(Map<String, AttributeValue> item) {
      this.item = item;
    }

    String string(String attribute, String meaning) {
      AttributeValue value = item.get(attribute);
      if (value == null || value.s() == null) {
        throw malformed(attribute, value, "a string (S): " + meaning);
      }
      return value.s();
    }

    String optionalString(String attribute, String meaning) {
      return item.containsKey(attribute) ? string(attribute, meaning) : null;
    }

    long number(String attribute, String meaning) {
      AttributeValue value = item.get(attribute);
      String expected = "a whole number (N): " + meaning;
      if (value == null || value.n() == null) {
        throw malformed(attribute, value, expected);
      }
      try {
        return Long.parseLong(value.n());
      } catch (NumberFormatException e) {
        throw malformed(attribute, value, expected);
      }
    }

    RecordStatus status() {
      String expected =
          "a string (S), "
              + IdempotencyTableSchema.statusValue(RecordStatus.IN_PROGRESS)
              + " or "
              + IdempotencyTableSchema.statusValue(RecordStatus.COMPLETED);
      String value = string(schema.status(), expected);
      for (RecordStatus status : RecordStatus.values()) {
        if (IdempotencyTableSchema.statusValue(status).equals(value)) {
          return status;
        }
      }
      throw malformed(schema.status(), item.get(schema.status()), expected);
    }

    String response() {
      AttributeValue data = item.get(schema.data());
      if (data == null) {
        return "null";
      }
      if (data.s() != null) {
        return data.s();
      }
      String expected = "the response as JSON (S), or gzip of that JSON (B)";
      if (data.b() == null) {
        throw malformed(schema.data(), data, expected);
      }
      try {
        return StoredResponse.decompress(data.b().asByteArrayUnsafe());
      } catch (RuntimeException e) {
        throw malformed(schema.data(), data, expected);
      }
    }

    private MalformedRecordException malformed(
        String attribute, AttributeValue value, String expected) {
      AttributeValue id = item.get(idAttribute());
      String key = id != null && id.s() != null ? id.s() : String.valueOf(key(item));
      return new MalformedRecordException(
          "The idempotency record "
              + key
              + " in table "
              + tableName
              + " has "
              + (value == null ? "no attribute " + attribute : attribute + " of " + describe(value))
              + "; it must be "
              + expected
              + ". Delete the item (or fix that attribute) if it was edited by hand; if another"
              + " tool writes this table with other attribute names, configure them with"
              + " IdempotencyTableSchema, or give this library a table of its own");
    }

    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
      Map<String, AttributeValue> key = new HashMap<>();
      for (String name : new String[] {schema.partitionKey(), schema.sortKey()}) {
        if (name != null && item.containsKey(name)) {
          key.put(name, item.get(name));
        }
      }
      return key;
    }
  }

  /** An attribute's type, and its value only when it is short and not a response. */
  private static String describe(AttributeValue value) {
    return switch (value.type()) {
      case S -> "type S";
      case N -> "type N (" + value.n() + ")";
      case B -> "type B";
      case BOOL -> "type BOOL";
      case NUL -> "type NULL";
      case M -> "type M";
      case L -> "type L";
      case SS -> "type SS";
      case NS -> "type NS";
      case BS -> "type BS";
      default -> "an unknown type";
    };
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
