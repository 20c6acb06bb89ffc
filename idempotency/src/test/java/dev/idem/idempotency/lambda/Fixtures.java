package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Sample events, from the JSON files under {@code events/} or built with the beans' setters. */
final class Fixtures {

  /** Reads events as Lambda's own serializer would: member names in any letter case. */
  static final ObjectMapper EVENTS =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  static final ObjectMapper JSON = new ObjectMapper();

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  /** An idempotency over {@code store} with a fixed clock, no cache and no metrics output. */
  static Idempotency idempotency(IdempotencyStore store) {
    return idempotency(store, IdempotencyListener.NONE);
  }

  static Idempotency idempotency(IdempotencyStore store, IdempotencyListener listener) {
    return Idempotency.builder()
        .store(store)
        .keyPrefix("test")
        .clock(CLOCK)
        .cacheSize(0)
        .listener(listener)
        .build();
  }

  static <T> T load(String name, Class<T> type) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
      return EVENTS.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static APIGatewayProxyRequestEvent restRequest() {
    return load("apigw-rest-post.json", APIGatewayProxyRequestEvent.class);
  }

  static APIGatewayV2HTTPEvent httpApiRequest() {
    return load("apigw-http-post.json", APIGatewayV2HTTPEvent.class);
  }

  static SQSEvent standardBatch() {
    return load("sqs-standard-batch.json", SQSEvent.class);
  }

  static SQSEvent fifoBatch() {
    return load("sqs-fifo-batch.json", SQSEvent.class);
  }

  /** A standard-queue message. */
  static SQSMessage message(String messageId, String body) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(messageId);
    message.setBody(body);
    message.setEventSource("aws:sqs");
    message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:payments");
    message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
    return message;
  }

  static SQSEvent batch(SQSMessage... messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(new ArrayList<>(Arrays.asList(messages)));
    return event;
  }

  /** A MODIFY record of an orders table whose item {@code pk} moved to {@code status}. */
  static DynamodbStreamRecord streamRecord(
      String eventId, String sequence, String pk, String status) {
    StreamRecord data = new StreamRecord();
    data.setKeys(Map.of("pk", new AttributeValue(pk)));
    data.setNewImage(Map.of("pk", new AttributeValue(pk), "status", new AttributeValue(status)));
    data.setOldImage(Map.of("pk", new AttributeValue(pk), "status", new AttributeValue("NEW")));
    data.setSequenceNumber(sequence);
    data.setSizeBytes(64L);
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventID(eventId);
    record.setEventName("MODIFY");
    record.setEventSource("aws:dynamodb");
    record.setAwsRegion("us-east-1");
    record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026");
    record.setDynamodb(data);
    return record;
  }

  static DynamodbEvent streamEvent(DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(new ArrayList<>(Arrays.asList(records)));
    return event;
  }

  static ScheduledEvent eventBridgeEvent(String id, Map<String, Object> detail) {
    ScheduledEvent event = new ScheduledEvent();
    event.setId(id);
    event.setVersion("0");
    event.setSource("idem.orders");
    event.setDetailType("OrderPlaced");
    event.setAccount("123456789012");
    event.setRegion("us-east-1");
    event.setResources(List.of());
    event.setDetail(detail);
    return event;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
