package dev.idem.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The DynamoDB requests that the library's modes make, issued directly with no library code in
 * between: the store's own cost of each mode, to tell it apart from the library's overhead. The
 * requests carry the library's expressions and items of the same attributes and sizes.
 */
final class StoreBaselines {

  private static final String TABLE = IdempotencyWorkload.IDEMPOTENCY_TABLE;
  private static final String CLAIM =
      "attribute_not_exists(#id) OR #exp < :now_s OR (#status = :in_progress AND #lexp < :now_ms)";
  private static final Map<String, String> CLAIM_NAMES =
      Map.of(
          "#id",
          "id",
          "#exp",
          "expiration",
          "#status",
          "status",
          "#lexp",
          "in_progress_expiration");
  private static final String COMPLETE =
      "SET #status = :completed, #data = :data, #exp = :exp REMOVE #lease, #lexp";
  private static final Map<String, String> COMPLETE_NAMES =
      Map.of(
          "#status", "status",
          "#data", "data",
          "#exp", "expiration",
          "#lease", "lease",
          "#lexp", "in_progress_expiration");
  private static final String LEASE = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String FINGERPRINT = "9".repeat(64);
  // DynamoDB Local deletes items whose TTL attribute has passed, so records must outlive the run.
  private static final long EXPIRY_S = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();

  private final DynamoDbClient client;

  StoreBaselines(IdempotencyWorkload workload) {
    this.client = workload.client();
  }

  /** Writes the records that the failing conditional put meets. */
  void prepare() {
    for (int i = 0; i < IdempotencyModes.REPLAY_KEYS; i++) {
      Map<String, AttributeValue> item = completed(replayId(i));
      client.putItem(r -> r.tableName(TABLE).item(item));
    }
  }

  List<Mode> all() {
    return List.of(
        new Mode("raw_transact_put", "TransactWriteItems of the order put alone", this::transact),
        new Mode(
            "raw_conditional_put_fail",
            "the claim PutItem on a completed record, fails, ALL_OLD (= duplicate's call)",
            this::conditionalPutFail),
        new Mode(
            "raw_guard_requests",
            "claim PutItem + order PutItem + completing UpdateItem (= guard_first's calls)",
            this::guardRequests),
        new Mode(
            "raw_claim_then_transact",
            "claim PutItem + TransactWriteItems of completing update and order put"
                + " (= txn_completion_first's calls)",
            this::claimThenTransact),
        new Mode(
            "raw_transact_claim_and_put",
            "TransactWriteItems of claim put (completed record) + order put"
                + " (= single_txn_first's call)",
            this::transactClaimAndPut));
  }

  private void transact(long sequence) {
    client.transactWriteItems(r -> r.transactItems(orderPut(sequence)));
  }

  private void conditionalPutFail(long sequence) {
    String id = replayId((int) (sequence % IdempotencyModes.REPLAY_KEYS));
    try {
      client.putItem(claim(id));
    } catch (ConditionalCheckFailedException expected) {
      return;
    }
    throw new IllegalStateException("The conditional put on an existing record succeeded");
  }

  private void guardRequests(long sequence) {
    String id = firstId(sequence);
    client.putItem(claim(id));
    client.putItem(Orders.putRequest(Orders.order(sequence)));
    client.updateItem(r ->
        r.tableName(TABLE)
            .key(key(id))
            .updateExpression(COMPLETE)
            .conditionExpression("#lease = :lease")
            .expressionAttributeNames(COMPLETE_NAMES)
            .expressionAttributeValues(completeValues(sequence)));
  }

  private void claimThenTransact(long sequence) {
    String id = firstId(sequence);
    client.putItem(claim(id));
    Update complete =
        Update.builder()
            .tableName(TABLE)
            .key(key(id))
            .updateExpression(COMPLETE)
            .conditionExpression("#lease = :lease")
            .expressionAttributeNames(COMPLETE_NAMES)
            .expressionAttributeValues(completeValues(sequence))
            .build();
    client.transactWriteItems(r ->
        r.transactItems(TransactWriteItem.builder().update(complete).build(), orderPut(sequence)));
  }

  private void transactClaimAndPut(long sequence) {
    Put record =
        Put.builder()
            .tableName(TABLE)
            .item(completed(firstId(sequence)))
            .conditionExpression(CLAIM)
            .expressionAttributeNames(CLAIM_NAMES)
            .expressionAttributeValues(claimValues())
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    client.transactWriteItems(
        r -> r.transactItems(TransactWriteItem.builder().put(record).build(), orderPut(sequence)));
  }

  private static PutItemRequest claim(String id) {
    return PutItemRequest.builder()
        .tableName(TABLE)
        .item(inProgress(id))
        .conditionExpression(CLAIM)
        .expressionAttributeNames(CLAIM_NAMES)
        .expressionAttributeValues(claimValues())
        .returnValues(ReturnValue.ALL_OLD)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static Map<String, AttributeValue> claimValues() {
    long nowMs = System.currentTimeMillis();
    return Map.of(
        ":now_s", AttributeValue.fromN(Long.toString(nowMs / 1_000)),
        ":now_ms", AttributeValue.fromN(Long.toString(nowMs)),
        ":in_progress", AttributeValue.fromS("INPROGRESS"));
  }

  private static Map<String, AttributeValue> completeValues(long sequence) {
    return Map.of(
        ":completed", AttributeValue.fromS("COMPLETED"),
        ":data", AttributeValue.fromS(response(sequence)),
        ":exp", AttributeValue.fromN(Long.toString(EXPIRY_S)),
        ":lease", AttributeValue.fromS(LEASE));
  }

  private static TransactWriteItem orderPut(long sequence) {
    return TransactWriteItem.builder().put(Orders.put(Orders.order(sequence))).build();
  }

  /** Ids as long as the library's ({@code prefix#} and 64 hex digits). */
  private static String firstId(long sequence) {
    return String.format("raw#%064d", sequence);
  }

  private static String replayId(int i) {
    return String.format("raw#r%063d", i);
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  private static Map<String, AttributeValue> inProgress(String id) {
    Map<String, AttributeValue> item = record(id, "INPROGRESS");
    item.put("in_progress_expiration", AttributeValue.fromN(Long.toString(EXPIRY_S * 1_000)));
    item.put("lease", AttributeValue.fromS(LEASE));
    return item;
  }

  private static Map<String, AttributeValue> completed(String id) {
    Map<String, AttributeValue> item = record(id, "COMPLETED");
    item.put("data", AttributeValue.fromS(response(0)));
    return item;
  }

  private static Map<String, AttributeValue> record(String id, String status) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(id));
    item.put("status", AttributeValue.fromS(status));
    item.put("expiration", AttributeValue.fromN(Long.toString(EXPIRY_S)));
    item.put("validation", AttributeValue.fromS(FINGERPRINT));
    return item;
  }

  private static String response(long sequence) {
    return "{\"orderId\":\"order-" + sequence + "\",\"status\":\"PLACED\"}";
  }
}
