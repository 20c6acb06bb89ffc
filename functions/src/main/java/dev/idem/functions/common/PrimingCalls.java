package dev.idem.functions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import dev.idem.events.EventMetadata;
import dev.idem.events.OrderPlaced;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What {@link Priming} runs: requests shaped as the functions' and the idempotency library's (the
 * same operations, attribute types, expressions and options) on a placeholder table, and a sample
 * event through the functions' JSON paths.
 */
public final class PrimingCalls {

  /** The table every priming request names; no function's table is called this. */
  static final String TABLE = "idem-priming-never-called";

  private static final Map<String, String> NAMES =
      Map.of("#s", "status", "#n", "count", "#d", "data", "#l", "lines");

  private static final String UPDATE = "SET #n = #n - :n, #d = :d, #l = :l";

  private PrimingCalls() {}

  /** A DynamoDB operation that a function calls, with a request shaped as its calls are. */
  public enum DynamoDb {
    /** A consistent read of one item. */
    GET_ITEM,
    /** A read of several items (PlaceOrder's catalog). */
    BATCH_GET_ITEM,
    /** A conditional write returning the old item (the idempotency claim). */
    PUT_ITEM,
    /** A conditional update (completions, order transitions, stock). */
    UPDATE_ITEM,
    /** A conditional delete (a released claim). */
    DELETE_ITEM,
    /** A transaction of a put, an update and a condition check. */
    TRANSACT_WRITE_ITEMS;

    void make(DynamoDbClient client) {
      switch (this) {
        case GET_ITEM -> client.getItem(r -> r.tableName(TABLE).key(key()).consistentRead(true));
        case BATCH_GET_ITEM ->
            client.batchGetItem(r ->
                r.requestItems(
                    Map.of(TABLE, KeysAndAttributes.builder().keys(key(), key()).build())));
        case PUT_ITEM ->
            client.putItem(r ->
                r.tableName(TABLE)
                    .item(item())
                    .conditionExpression("attribute_not_exists(#id) OR #s = :s")
                    .expressionAttributeNames(Map.of("#id", "id", "#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("EXPIRED")))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(
                        ReturnValuesOnConditionCheckFailure.ALL_OLD));
        case UPDATE_ITEM ->
            client.updateItem(r ->
                r.tableName(TABLE)
                    .key(key())
                    .updateExpression(UPDATE)
                    .conditionExpression("#s = :s")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(updateValues()));
        case DELETE_ITEM ->
            client.deleteItem(r ->
                r.tableName(TABLE)
                    .key(key())
                    .conditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("IN_PROGRESS"))));
        case TRANSACT_WRITE_ITEMS -> client.transactWriteItems(r -> r.transactItems(transaction()));
      }
    }
  }

  /** Writes a log line as {@link JsonLog} does and reads a JSON object as the handlers do. */
  public static void json() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", "INFO");
    line.put("total", 1L);
    try {
      Json.mapper().readTree(Json.mapper().writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes an {@code OrderPlaced} event as the relay publishes it, reads it back as a consumer
   * reads its queue's message, and runs {@link #json}.
   */
  public static void orderEvents() {
    DomainEvent<OrderPlaced> event = sampleEvent();
    String message =
        "{\"id\":\"priming\",\"detail-type\":\""
            + event.detailType()
            + "\",\"source\":\""
            + event.source()
            + "\",\"detail\":"
            + EventJson.detail(event)
            + "}";
    EventJson.readEventBridgeEvent(message, OrderPlaced.class);
    json();
  }

  /** A {@code PutEvents} call of the sample event, as the relay publishes. */
  static void putEvents(EventBridgeClient client) {
    client.putEvents(r -> r.entries(EventJson.toEntry(sampleEvent(), TABLE)));
  }

  private static DomainEvent<OrderPlaced> sampleEvent() {
    return DomainEvent.of(
        EventMetadata.of("priming", "priming", "priming", Instant.now()),
        new OrderPlaced(
            "priming", "priming", "EUR", 100, List.of(new OrderPlaced.Line("priming", 1, 100))));
  }

  private static Map<String, AttributeValue> key() {
    return Map.of("id", s("priming"));
  }

  private static Map<String, AttributeValue> item() {
    return Map.of(
        "id", s("priming"),
        "status", s("IN_PROGRESS"),
        "expiration", AttributeValue.fromN("0"),
        "data", AttributeValue.fromB(SdkBytes.fromUtf8String("{}")));
  }

  private static Map<String, AttributeValue> updateValues() {
    return Map.of(
        ":s", s("IN_PROGRESS"),
        ":n", AttributeValue.fromN("1"),
        ":d", AttributeValue.fromB(SdkBytes.fromUtf8String("{}")),
        ":l", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("n", s("1"))))));
  }

  private static List<TransactWriteItem> transaction() {
    Put put =
        Put.builder()
            .tableName(TABLE)
            .item(item())
            .conditionExpression("attribute_not_exists(#id)")
            .expressionAttributeNames(Map.of("#id", "id"))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    Update update =
        Update.builder()
            .tableName(TABLE)
            .key(key())
            .updateExpression(UPDATE)
            .conditionExpression("#s = :s")
            .expressionAttributeNames(NAMES)
            .expressionAttributeValues(updateValues())
            .build();
    ConditionCheck check =
        ConditionCheck.builder()
            .tableName(TABLE)
            .key(key())
            .conditionExpression("attribute_exists(#id)")
            .expressionAttributeNames(Map.of("#id", "id"))
            .build();
    return List.of(
        TransactWriteItem.builder().put(put).build(),
        TransactWriteItem.builder().update(update).build(),
        TransactWriteItem.builder().conditionCheck(check).build());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
