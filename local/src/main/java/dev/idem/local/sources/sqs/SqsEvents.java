package dev.idem.local.sources.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.sources.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS messages as the {@code SQSEvent} JSON Lambda sends. */
final class SqsEvents {

  /**
   * The system attributes Lambda lists first, in the order of the developer guide's standard and
   * FIFO example events; any others follow as received.
   */
  private static final List<String> LEADING_ATTRIBUTES =
      List.of(
          "ApproximateReceiveCount",
          "SentTimestamp",
          "SequenceNumber",
          "MessageGroupId",
          "SenderId",
          "MessageDeduplicationId",
          "ApproximateFirstReceiveTimestamp");

  private SqsEvents() {}

  static byte[] event(List<Message> messages, SqsSourceConfig config) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      record(records.addObject(), message, config);
    }
    return Json.bytes(event);
  }

  /**
   * The message as its record in the event, with a JSON object body parsed, as Lambda's event
   * filtering sees it (a body that is no JSON object stays a string).
   */
  static ObjectNode filterable(Message message, SqsSourceConfig config) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    record(record, message, config);
    Json.parse(message.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .filter(com.fasterxml.jackson.databind.JsonNode::isObject)
        .ifPresent(body -> record.set("body", body));
    return record;
  }

  private static void record(ObjectNode record, Message message, SqsSourceConfig config) {
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    ObjectNode attributes = record.putObject("attributes");
    attributes(message.attributesAsStrings()).forEach(attributes::put);
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    message
        .messageAttributes()
        .forEach((name, value) -> messageAttribute(messageAttributes.putObject(name), value));
    // Present, and null, when the message has no attributes, as Lambda sends it.
    record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    record.put("md5OfBody", message.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", config.queueArn());
    record.put("awsRegion", config.region());
  }

  private static Map<String, String> attributes(Map<String, String> received) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : LEADING_ATTRIBUTES) {
      if (received.containsKey(name)) {
        ordered.put(name, received.get(name));
      }
    }
    received.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private static void messageAttribute(ObjectNode node, MessageAttributeValue value) {
    if (value.stringValue() != null) {
      node.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      node.put("binaryValue", base64(value.binaryValue()));
    }
    ArrayNode strings = node.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = node.putArray("binaryListValues");
    value.binaryListValues().forEach(bytes -> binaries.add(base64(bytes)));
    node.put("dataType", value.dataType());
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
