package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DynamoDbStreamIdempotencyTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final DynamoDbStreamIdempotency stream =
      DynamoDbStreamIdempotency.of(Fixtures.idempotency(store));
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final List<String> ran = new ArrayList<>();

  @Test
  void process_allRecordsSucceed_reportsNoFailure() {
    StreamsEventResponse response = stream.process(batch(), context, failing(Set.of()));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(ran).containsExactly("e-1", "e-2", "e-3");
  }

  @Test
  void process_recordFails_stopsAndReportsItsSequenceNumber() {
    StreamsEventResponse response = stream.process(batch(), context, failing(Set.of("e-2")));

    assertThat(sequenceNumbers(response)).containsExactly("200");
    assertThat(ran).containsExactly("e-1", "e-2");
  }

  @Test
  void process_retryFromTheCheckpoint_runsEachRecordOnce() {
    stream.process(batch(), context, failing(Set.of("e-2")));
    ran.clear();

    StreamsEventResponse retry = stream.process(batch(), context, failing(Set.of()));

    assertThat(retry.getBatchItemFailures()).isEmpty();
    assertThat(ran).containsExactly("e-2", "e-3");
  }

  @Test
  void process_sameEventIdWithAnotherImage_reportsThatRecord() {
    stream.process(batch(), context, failing(Set.of()));
    DynamodbEvent altered =
        Fixtures.streamEvent(Fixtures.streamRecord("e-1", "100", "order-1", "CANCELLED"));

    StreamsEventResponse response = stream.process(altered, context, failing(Set.of()));

    assertThat(sequenceNumbers(response)).containsExactly("100");
  }

  @Test
  void process_listenerBreaksTheLoop_reportsTheFirstRecordNotSucceeded() {
    IdempotencyListener breaksOnSecond =
        new IdempotencyListener() {
          private int decisions;

          @Override
          public void onDecision(DecisionEvent event) {
            if (++decisions == 2) {
              throw new AssertionError("metrics sink broke");
            }
          }
        };
    DynamoDbStreamIdempotency breaking =
        DynamoDbStreamIdempotency.of(Fixtures.idempotency(store, breaksOnSecond));

    StreamsEventResponse response = breaking.process(batch(), context, failing(Set.of()));

    assertThat(sequenceNumbers(response)).containsExactly("200");
    assertThat(ran).containsExactly("e-1", "e-2");
  }

  @Test
  void process_nullRecordToResumeFrom_throwsSoLambdaRetriesTheBatch() {
    DynamodbEvent event = batch();
    event.getRecords().add(1, null);

    assertThatThrownBy(() -> stream.process(event, context, failing(Set.of())))
        .isInstanceOf(NullPointerException.class);
    assertThat(ran).containsExactly("e-1");
  }

  @Test
  void process_handlerThrowsAnError_reportsThatRecord() {
    StreamsEventResponse response =
        stream.process(
            batch(),
            context,
            record -> {
              ran.add(record.getEventID());
              if (record.getEventID().equals("e-3")) {
                throw new OutOfMemoryError("simulated");
              }
            });

    assertThat(sequenceNumbers(response)).containsExactly("300");
  }

  @Test
  void process_failedRecordWithoutSequenceNumber_throwsSoLambdaRetriesTheBatch() {
    DynamodbEvent event = batch();
    event.getRecords().get(0).getDynamodb().setSequenceNumber(null);

    assertThatThrownBy(() -> stream.process(event, context, failing(Set.of("e-1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sequence number");
  }

  @Test
  void process_storeUnavailable_reportsTheFirstRecord() {
    FlakyStore flaky = new FlakyStore();
    flaky.failing(true);

    StreamsEventResponse response =
        DynamoDbStreamIdempotency.of(Fixtures.idempotency(flaky))
            .process(batch(), context, failing(Set.of()));

    assertThat(sequenceNumbers(response)).containsExactly("100");
    assertThat(ran).isEmpty();
  }

  // Found by the exactly-once auditor (bin/idem bench exactly-once, fault seed 2): a relay
  // invocation that died holding a record's key left it in flight for its lease (up to the
  // function's timeout); Lambda's five retries came within seconds, each met the lease, and the
  // batch went to the OnFailure destination with its events never published.
  @Test
  void process_emptyOrNullEvent_reportsNoFailure() {
    assertThat(stream.process(null, context, failing(Set.of())).getBatchItemFailures()).isEmpty();
    assertThat(stream.process(new DynamodbEvent(), null, failing(Set.of())).getBatchItemFailures())
        .isEmpty();
  }

  @Test
  void payload_everyAttributeType_isWrittenAsDynamoDbJson() {
    AttributeValue nested = new AttributeValue();
    nested.setM(Map.of("n", new AttributeValue().withN("1.5")));
    AttributeValue list = new AttributeValue();
    list.setL(List.of(new AttributeValue("x"), new AttributeValue().withBOOL(true)));
    DynamodbStreamRecord record = Fixtures.streamRecord("e-9", "900", "order-9", "PAID");
    record
        .getDynamodb()
        .setNewImage(
            Map.of(
                "m", nested,
                "l", list,
                "b", new AttributeValue().withB(java.nio.ByteBuffer.wrap(new byte[] {1, 2})),
                "ss", new AttributeValue().withSS("a", "b"),
                "nil", new AttributeValue().withNULL(true)));

    var payload = StreamRecords.payload(record.getDynamodb(), Fixtures.JSON);

    assertThat(payload.get("Keys")).isEqualTo(Fixtures.json("{\"pk\":{\"S\":\"order-9\"}}"));
    assertThat(payload.get("NewImage"))
        .isEqualTo(
            Fixtures.json(
                "{\"m\":{\"M\":{\"n\":{\"N\":\"1.5\"}}},"
                    + "\"l\":{\"L\":[{\"S\":\"x\"},{\"BOOL\":true}]},"
                    + "\"b\":{\"B\":\"AQI=\"},\"ss\":{\"SS\":[\"a\",\"b\"]},\"nil\":{\"NULL\":true}}"));
    assertThat(payload.get("SequenceNumber").asText()).isEqualTo("900");
    assertThat(record.getDynamodb().getNewImage().get("b").getB().remaining()).isEqualTo(2);
  }

  private DynamodbEvent batch() {
    return Fixtures.streamEvent(
        Fixtures.streamRecord("e-1", "100", "order-1", "PAID"),
        Fixtures.streamRecord("e-2", "200", "order-2", "PAID"),
        Fixtures.streamRecord("e-3", "300", "order-3", "SHIPPED"));
  }

  private RecordHandler<DynamodbStreamRecord> failing(Set<String> failingIds) {
    return record -> {
      ran.add(record.getEventID());
      if (failingIds.contains(record.getEventID())) {
        throw new IllegalStateException("event bus unavailable");
      }
    };
  }

  private static List<String> sequenceNumbers(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream()
        .map(BatchItemFailure::getItemIdentifier)
        .toList();
  }
}
