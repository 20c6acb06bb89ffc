package dev.idem.idempotency.dynamodb;

import static dev.idem.idempotency.dynamodb.IdempotencyTableSchema.statusValue;
import static dev.idem.idempotency.dynamodb.RecordMapper.n;
import static dev.idem.idempotency.dynamodb.RecordMapper.s;

import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.RecordStatus;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The condition and update expressions of the store, built once per schema. */
final class Expressions {

  private final Map<String, String> claimNames;
  private final Map<String, String> completeNames;
  private final Map<String, String> leaseNames;

  Expressions(IdempotencyTableSchema schema, String idAttribute) {
    this.claimNames =
        Map.of(
            "#id", idAttribute,
            "#exp", schema.expiration(),
            "#status", schema.status(),
            "#lexp", schema.inProgressExpiration());
    this.completeNames =
        Map.of(
            "#lease", schema.lease(),
            "#status", schema.status(),
            "#data", schema.data(),
            "#exp", schema.expiration(),
            "#lexp", schema.inProgressExpiration());
    this.leaseNames = Map.of("#lease", schema.lease());
  }

  /**
   * No record, or an expired one, or one whose holder's lease has run out. An expiry equal to now
   * has passed, as in {@link dev.idem.idempotency.spi.IdempotencyRecord#isClaimable}.
   */
  String claimCondition() {
    return "attribute_not_exists(#id) OR #exp <= :now_s"
        + " OR (#status = :in_progress AND #lexp <= :now_ms)";
  }

  Map<String, String> claimNames() {
    return claimNames;
  }

  Map<String, AttributeValue> claimValues(Instant now) {
    return Map.of(
        ":now_s", n(now.getEpochSecond()),
        ":now_ms", n(now.toEpochMilli()),
        ":in_progress", s(statusValue(RecordStatus.IN_PROGRESS)));
  }

  /** The caller's token is still the record's. */
  String leaseCondition() {
    return "#lease = :lease";
  }

  Map<String, String> leaseNames() {
    return leaseNames;
  }

  Map<String, AttributeValue> leaseValues(String leaseToken) {
    return Map.of(":lease", s(leaseToken));
  }

  String completeUpdate() {
    return "SET #status = :completed, #data = :data, #exp = :exp REMOVE #lease, #lexp";
  }

  Map<String, String> completeNames() {
    return completeNames;
  }

  Map<String, AttributeValue> completeValues(Completion completion, AttributeValue data) {
    return Map.of(
        ":lease", s(completion.leaseToken()),
        ":completed", s(statusValue(RecordStatus.COMPLETED)),
        ":data", data,
        ":exp", n(completion.recordExpiry().getEpochSecond()));
  }
}
