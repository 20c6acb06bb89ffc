package dev.idem.functions.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SQS bodies and Lambda SQS events as the platform makes them: an EventBridge rule with an SQS
 * target delivers the whole EventBridge event as the body, and Lambda's event source mapping turns
 * received messages into an {@link SQSEvent}.
 */
public final class SqsEvents {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SqsEvents() {}

  /** The body an EventBridge rule delivers for {@code event}, with a new envelope id. */
  public static String eventBridgeBody(DomainEvent<?> event) {
    return eventBridgeBody(event, UUID.randomUUID().toString());
  }

  /**
   * The body an EventBridge rule delivers for {@code event} published with envelope id {@code
   * envelopeId}: publishing the same event again gives it a new one.
   */
  public static String eventBridgeBody(DomainEvent<?> event, String envelopeId) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("version", "0")
        .put("id", envelopeId)
        .put("detail-type", event.detailType())
        .put("source", event.source())
        .put("account", "123456789012")
        .put("time", event.metadata().occurredAt().toString())
        .put("region", "us-east-1");
    body.putArray("resources");
    try {
      body.set("detail", MAPPER.readTree(EventJson.detail(event)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return body.toString();
  }

  /** The Lambda event for messages received from the queue {@code queueArn}. */
  public static SQSEvent fromReceived(List<Message> messages, String queueArn) {
    SQSEvent event = new SQSEvent();
    event.setRecords(messages.stream().map(m -> fromReceived(m, queueArn)).toList());
    return event;
  }

  /** A message as the event source mapping delivers it, received once. */
  public static SQSMessage message(String messageId, String body) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(messageId);
    message.setReceiptHandle("handle-" + messageId);
    message.setBody(body);
    message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
    message.setMessageAttributes(Map.of());
    message.setEventSource("aws:sqs");
    message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:test-queue");
    message.setAwsRegion("us-east-1");
    return message;
  }

  /** A Lambda event holding {@code messages}. */
  public static SQSEvent batch(SQSMessage... messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(messages));
    return event;
  }

  private static SQSMessage fromReceived(Message received, String queueArn) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(received.messageId());
    message.setReceiptHandle(received.receiptHandle());
    message.setBody(received.body());
    message.setMd5OfBody(received.md5OfBody());
    message.setAttributes(new HashMap<>(received.attributesAsStrings()));
    message.setMessageAttributes(Map.of());
    message.setEventSource("aws:sqs");
    message.setEventSourceArn(queueArn);
    message.setAwsRegion("us-east-1");
    return message;
  }
}
