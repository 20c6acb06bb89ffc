package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Real stream records from DynamoDB Local, handed to the adapter as Lambda would. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbStreamIdempotencyIT {

  private static final String SOURCE = "orders-stream-it";
  private static DynamoDbClient dynamo;
  private static LocalTables table;
  private static DynamodbEvent event;

  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  @BeforeAll
  static void recordChanges(DynamoDbLocal db) {
    dynamo = db.client();
    table = LocalTables.create(db.client(), "stream-adapter-it");
    dynamo.createTable(r ->
        r.tableName(SOURCE)
            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName("pk")
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    put("order-1", "PLACED");
    put("order-2", "PLACED");
    put("order-1", "PAID");
    event = toLambdaEvent(readStream(db));
  }

  @AfterAll
  static void dropTables() {
    dynamo.deleteTable(r -> r.tableName(SOURCE));
    dynamo.close();
    table.close();
  }

  @Test
  void process_streamBatchDeliveredTwice_runsEachRecordOnce() {
    DynamoDbStreamIdempotency stream =
        DynamoDbStreamIdempotency.of(table.idempotency("order-events"));

    StreamsEventResponse first =
        stream.process(event, TestLambdaContext.thirtySecondsLeft(), this::count);
    StreamsEventResponse second =
        stream.process(event, TestLambdaContext.thirtySecondsLeft(), this::count);

    assertThat(event.getRecords()).hasSize(3);
    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(second.getBatchItemFailures()).isEmpty();
    assertThat(runs).hasSize(3).allSatisfy((id, count) -> assertThat(count).hasValue(1));
  }

  @Test
  void process_failingRecord_reportsItsRealSequenceNumber() {
    DynamoDbStreamIdempotency stream = DynamoDbStreamIdempotency.of(table.idempotency("relay"));
    DynamodbStreamRecord second = event.getRecords().get(1);

    StreamsEventResponse response =
        stream.process(
            event,
            TestLambdaContext.thirtySecondsLeft(),
            record -> {
              if (record == second) {
                throw new IllegalStateException("bus down");
              }
            });

    assertThat(response.getBatchItemFailures())
        .singleElement()
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .isEqualTo(second.getDynamodb().getSequenceNumber());
  }

  @Test
  void process_recordHeldByAHungInvocation_waitsOutItsLeaseThenTakesItOver() throws Exception {
    DynamoDbStreamIdempotency stream =
        DynamoDbStreamIdempotency.of(
            table.idempotency("relay-hung", Duration.ofSeconds(2), IdempotencyListener.NONE));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread hung = holdFirstRecord(stream, claimed, release, false);
    try {
      assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

      StreamsEventResponse response =
          stream.process(event, TestLambdaContext.thirtySecondsLeft(), this::count);

      assertThat(response.getBatchItemFailures()).isEmpty();
      assertThat(runs).hasSize(3).allSatisfy((id, count) -> assertThat(count).hasValue(1));
    } finally {
      release.countDown();
      hung.join();
    }
  }

  @Test
  void process_recordHeldByALiveDuplicate_waitsForItAndSkipsWhatItDid() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    IdempotencyListener listener =
        new IdempotencyListener() {
          @Override
          public void onDecision(DecisionEvent decision) {
            if (decision.decision() == Decision.IN_FLIGHT) {
              waiting.countDown();
            }
          }
        };
    DynamoDbStreamIdempotency stream =
        DynamoDbStreamIdempotency.of(
            table.idempotency("relay-duplicate", Duration.ofSeconds(30), listener));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread duplicate = holdFirstRecord(stream, claimed, release, true);
    assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
    AtomicReference<StreamsEventResponse> response = new AtomicReference<>();
    Thread main =
        Thread.ofVirtual()
            .start(() ->
                response.set(
                    stream.process(event, TestLambdaContext.thirtySecondsLeft(), this::count)));

    assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the batch waits for the holder").isTrue();
    release.countDown();
    main.join();
    duplicate.join();

    assertThat(response.get().getBatchItemFailures()).isEmpty();
    assertThat(runs).hasSize(3).allSatisfy((id, count) -> assertThat(count).hasValue(1));
  }

  @Test
  void process_inFlightWaitZero_reportsTheHeldRecordAtOnce() throws Exception {
    DynamoDbStreamIdempotency holder =
        DynamoDbStreamIdempotency.of(
            table.idempotency("relay-nowait", Duration.ofSeconds(30), IdempotencyListener.NONE));
    DynamoDbStreamIdempotency stream =
        DynamoDbStreamIdempotency.builder(
                table.idempotency("relay-nowait", Duration.ofSeconds(30), IdempotencyListener.NONE))
            .inFlightWait(Duration.ZERO)
            .build();
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread hung = holdFirstRecord(holder, claimed, release, false);
    try {
      assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

      StreamsEventResponse response =
          stream.process(event, TestLambdaContext.thirtySecondsLeft(), this::count);

      assertThat(response.getBatchItemFailures())
          .singleElement()
          .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
          .isEqualTo(event.getRecords().get(0).getDynamodb().getSequenceNumber());
      assertThat(runs).isEmpty();
    } finally {
      release.countDown();
      hung.join();
    }
  }

  /**
   * Another invocation that claims the first record, then blocks in its handler until released; its
   * run counts when {@code counted} (a duplicate that completes), not when it stands for an
   * invocation that hung or crashed.
   */
  private Thread holdFirstRecord(
      DynamoDbStreamIdempotency stream,
      CountDownLatch claimed,
      CountDownLatch release,
      boolean counted) {
    DynamodbEvent first = new DynamodbEvent();
    first.setRecords(List.of(event.getRecords().get(0)));
    return Thread.ofVirtual()
        .start(() ->
            stream.process(
                first,
                TestLambdaContext.thirtySecondsLeft(),
                record -> {
                  if (counted) {
                    count(record);
                  }
                  claimed.countDown();
                  release.await();
                }));
  }

  private void count(DynamodbStreamRecord record) {
    runs.computeIfAbsent(record.getEventID(), k -> new AtomicInteger()).incrementAndGet();
  }

  private static void put(String pk, String status) {
    dynamo.putItem(r ->
        r.tableName(SOURCE)
            .item(
                Map.of(
                    "pk", AttributeValue.fromS(pk),
                    "status", AttributeValue.fromS(status),
                    "total", AttributeValue.fromN("120.50"))));
  }

  private static List<Record> readStream(DynamoDbLocal db) {
    try (DynamoDbStreamsClient streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(db.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      String arn = dynamo.describeTable(r -> r.tableName(SOURCE)).table().latestStreamArn();
      String shard =
          streams
              .describeStream(r -> r.streamArn(arn))
              .streamDescription()
              .shards()
              .get(0)
              .shardId();
      String iterator =
          streams
              .getShardIterator(r ->
                  r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      return streams.getRecords(r -> r.shardIterator(iterator)).records();
    }
  }

  private static DynamodbEvent toLambdaEvent(List<Record> records) {
    List<DynamodbStreamRecord> converted = new ArrayList<>();
    for (Record record : records) {
      StreamRecord data = new StreamRecord();
      data.setKeys(item(record.dynamodb().keys()));
      data.setNewImage(record.dynamodb().hasNewImage() ? item(record.dynamodb().newImage()) : null);
      data.setOldImage(record.dynamodb().hasOldImage() ? item(record.dynamodb().oldImage()) : null);
      data.setSequenceNumber(record.dynamodb().sequenceNumber());
      DynamodbStreamRecord lambdaRecord = new DynamodbStreamRecord();
      lambdaRecord.setEventID(record.eventID());
      lambdaRecord.setEventName(record.eventNameAsString());
      lambdaRecord.setEventSource(record.eventSource());
      lambdaRecord.setDynamodb(data);
      converted.add(lambdaRecord);
    }
    DynamodbEvent lambdaEvent = new DynamodbEvent();
    lambdaEvent.setRecords(converted);
    return lambdaEvent;
  }

  private static Map<
          String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
      item(Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
        converted = new LinkedHashMap<>();
    item.forEach((name, value) -> converted.put(name, value(value)));
    return converted;
  }

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(
      AttributeValue value) {
    var converted =
        new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    converted.setS(value.s());
    converted.setN(value.n());
    converted.setBOOL(value.bool());
    converted.setNULL(value.nul());
    if (value.b() != null) {
      converted.setB(value.b().asByteBuffer());
    }
    if (value.hasSs()) {
      converted.setSS(value.ss());
    }
    if (value.hasNs()) {
      converted.setNS(value.ns());
    }
    if (value.hasM()) {
      converted.setM(item(value.m()));
    }
    if (value.hasL()) {
      converted.setL(value.l().stream().map(DynamoDbStreamIdempotencyIT::value).toList());
    }
    return converted;
  }
}
