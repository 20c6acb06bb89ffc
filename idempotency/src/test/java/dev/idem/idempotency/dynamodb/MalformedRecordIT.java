package dev.idem.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.MalformedRecordException;
import dev.idem.idempotency.internal.RecordIds;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Records written by hand or by another tool, read back through the real store: each surfaces as a
 * {@link MalformedRecordException} that names the record, the attribute and what it must hold, and
 * the work never runs.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class MalformedRecordIT {

  private static final String TABLE = "malformed-records";
  private static final String PREFIX = "malformed";

  private static DynamoDbClient dynamo;
  private static Idempotency idempotency;

  private final String key = UUID.randomUUID().toString();
  private final String id = RecordIds.of(PREFIX, null, key);
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    dynamo = db.client();
    dynamo.createTable(r ->
        r.tableName(TABLE)
            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName("id")
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .billingMode(BillingMode.PAY_PER_REQUEST));
    idempotency =
        Idempotency.builder()
            .store(DynamoDbIdempotencyStore.builder().client(dynamo).tableName(TABLE).build())
            .keyPrefix(PREFIX)
            .cacheSize(0)
            .build();
  }

  @AfterAll
  static void deleteTable() {
    dynamo.deleteTable(r -> r.tableName(TABLE));
    dynamo.close();
  }

  @Test
  void execute_statusMissing_namesTheStatusAttribute() {
    Map<String, AttributeValue> item = completed();
    item.remove("status");
    put(item);

    assertMalformed("has no attribute status", "INPROGRESS or COMPLETED");
  }

  @Test
  void execute_statusOfAnotherTool_namesTheValuesItMustHold() {
    Map<String, AttributeValue> item = completed();
    item.put("status", AttributeValue.fromS("DONE"));
    put(item);

    assertMalformed("has status of type S", "INPROGRESS or COMPLETED");
  }

  @Test
  void execute_expiryAsAString_namesTheTypeAndUnit() {
    Map<String, AttributeValue> item = completed();
    item.put("expiration", AttributeValue.fromS("tomorrow"));
    put(item);

    assertMalformed(
        "has expiration of type S", "a whole number (N): the record expiry, epoch seconds");
  }

  @Test
  void execute_inProgressWithoutLeaseExpiry_namesTheLeaseAttribute() {
    Map<String, AttributeValue> item = completed();
    item.put("status", AttributeValue.fromS("INPROGRESS"));
    item.remove("data");
    put(item);

    assertMalformed(
        "has no attribute in_progress_expiration", "the lease expiry, epoch milliseconds");
  }

  @Test
  void execute_responseAsANumber_namesTheDataAttribute() {
    Map<String, AttributeValue> item = completed();
    item.put("data", AttributeValue.fromN("42"));
    put(item);

    assertMalformed(
        "has data of type N (42)", "the response as JSON (S), or gzip of that JSON (B)");
  }

  @Test
  void execute_binaryResponseThatIsNotGzip_namesTheDataAttribute() {
    Map<String, AttributeValue> item = completed();
    item.put("data", AttributeValue.fromB(SdkBytes.fromUtf8String("not gzip")));
    put(item);

    assertMalformed("has data of type B", "gzip of that JSON (B)");
  }

  @Test
  void executeInSingleTransaction_malformedRecordInTheWay_namesItAndWritesNothing() {
    Map<String, AttributeValue> item = completed();
    item.remove("status");
    put(item);

    assertThatThrownBy(() ->
            idempotency.executeInSingleTransaction(
                IdempotentRequest.of(key, Map.of("n", 1)),
                String.class,
                writes -> {
                  runs.incrementAndGet();
                  return "computed";
                }))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("has no attribute status");
    assertThat(dynamo.getItem(r -> r.tableName(TABLE).key(key())).item()).isEqualTo(item);
  }

  private void assertMalformed(String what, String expected) {
    assertThatThrownBy(() ->
            idempotency.execute(
                IdempotentRequest.of(key, Map.of("n", 1)),
                String.class,
                () -> {
                  runs.incrementAndGet();
                  return "ran";
                }))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("The idempotency record " + id + " in table " + TABLE)
        .hasMessageContaining(what)
        .hasMessageContaining("it must be")
        .hasMessageContaining(expected)
        .hasMessageContaining("Delete the item");
    assertThat(runs).hasValue(0);
  }

  /** A live completed record in the library's layout, for a test to spoil. */
  private Map<String, AttributeValue> completed() {
    Map<String, AttributeValue> item = new HashMap<>(key());
    item.put("status", AttributeValue.fromS("COMPLETED"));
    item.put(
        "expiration",
        AttributeValue.fromN(Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
    item.put("validation", AttributeValue.fromS("0".repeat(64)));
    item.put("data", AttributeValue.fromS("\"stored\""));
    return item;
  }

  private Map<String, AttributeValue> key() {
    return Map.of("id", AttributeValue.fromS(id));
  }

  private void put(Map<String, AttributeValue> item) {
    dynamo.putItem(r -> r.tableName(TABLE).item(item));
  }
}
