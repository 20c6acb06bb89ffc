package dev.idem.local.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.functions.relay.OrderEventsRelayHandler;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sample stream batch through the relay: it publishes exactly the events that the sample SQS
 * messages of the consumers carry, so the samples of both ends agree with the code between them.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class OrderEventsRelaySampleIT {

  private static final String SAMPLES = "../events/samples/";
  private static ReferenceTables tables;
  private static EventBridgeRecorder bus;
  private static OrderEventsRelayHandler relay;

  @BeforeAll
  static void start(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    bus = EventBridgeRecorder.start();
    relay = new RelayFixtures(tables, TestClock.atCurrentSecond()).relay(bus);
  }

  @AfterAll
  static void stop() {
    bus.close();
    tables.drop();
  }

  @Test
  void handleRequest_sampleBatch_publishesTheEventsTheConsumerSamplesCarry() {
    DynamodbEvent batch = EventLoader.loadDynamoDbEvent(SAMPLES + "order-events-relay.json");

    StreamsEventResponse response = relay.handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bus.accepted()).hasSize(2);
    assertPublished(bus.accepted().get(0), "capture-payment.json");
    assertPublished(bus.accepted().get(1), "notify-customer.json");
    assertThat(bus.schemaProblems()).isEmpty();
  }

  private static void assertPublished(EventBridgeRecorder.Entry entry, String consumerSample) {
    SQSEvent sqs = EventLoader.loadSQSEvent(SAMPLES + consumerSample);
    JsonNode delivered = RelayFixtures.json(sqs.getRecords().get(0).getBody());
    assertThat(entry.detailType()).isEqualTo(delivered.get("detail-type").asText());
    assertThat(entry.source()).isEqualTo(delivered.get("source").asText());
    assertThat(entry.time().toString()).isEqualTo(delivered.get("time").asText());
    assertThat(RelayFixtures.json(entry.detail())).isEqualTo(delivered.get("detail"));
  }
}
