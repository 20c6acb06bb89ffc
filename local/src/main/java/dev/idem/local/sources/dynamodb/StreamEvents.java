package dev.idem.local.sources.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.sources.Json;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * DynamoDB stream records as the {@code DynamodbEvent} JSON Lambda sends: every record in the
 * stack's region ({@code awsRegion}, and the region of {@code eventSourceARN}), whatever region
 * DynamoDB Local names in its own records and ARNs ({@code ddblocal}).
 */
final class StreamEvents {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StreamEvents() {}

  static byte[] event(List<Record> records, String streamArn, String region) {
    ObjectNode event = NODES.objectNode();
    ArrayNode array = event.putArray("Records");
    for (Record record : records) {
      array.add(record(record, streamArn, region));
    }
    return Json.bytes(event);
  }

  static ObjectNode record(Record record, String streamArn, String region) {
    ObjectNode node = NODES.objectNode();
    node.put("eventID", record.eventID());
    node.put("eventName", record.eventNameAsString());
    node.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
    node.put("eventSource", "aws:dynamodb");
    node.put("awsRegion", region);
    node.set("dynamodb", streamRecord(record.dynamodb()));
    node.put("eventSourceARN", inRegion(streamArn, region));
    if (record.userIdentity() != null) {
      ObjectNode identity = node.putObject("userIdentity");
      identity.put("type", record.userIdentity().type());
      identity.put("principalId", record.userIdentity().principalId());
    }
    return node;
  }

  /** The ARN with its region field ({@code arn:aws:dynamodb:REGION:...}) replaced. */
  static String inRegion(String arn, String region) {
    String[] parts = arn.split(":", 5);
    if (parts.length < 5 || !parts[0].equals("arn")) {
      return arn;
    }
    return String.join(":", parts[0], parts[1], parts[2], region, parts[4]);
  }

  private static ObjectNode streamRecord(StreamRecord stream) {
    ObjectNode node = NODES.objectNode();
    if (stream.approximateCreationDateTime() != null) {
      node.put(
          "ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
    }
    node.set("Keys", item(stream.keys()));
    if (stream.hasNewImage()) {
      node.set("NewImage", item(stream.newImage()));
    }
    if (stream.hasOldImage()) {
      node.set("OldImage", item(stream.oldImage()));
    }
    node.put("SequenceNumber", stream.sequenceNumber());
    if (stream.sizeBytes() != null) {
      node.put("SizeBytes", stream.sizeBytes());
    }
    node.put("StreamViewType", stream.streamViewTypeAsString());
    return node;
  }

  static ObjectNode item(Map<String, AttributeValue> item) {
    ObjectNode node = NODES.objectNode();
    item.forEach((name, value) -> node.set(name, value(value)));
    return node;
  }

  static JsonNode value(AttributeValue value) {
    ObjectNode node = NODES.objectNode();
    switch (value.type()) {
      case S -> node.put("S", value.s());
      case N -> node.put("N", value.n());
      case B -> node.put("B", base64(value.b()));
      case BOOL -> node.put("BOOL", value.bool());
      case NUL -> node.put("NULL", true);
      case SS -> value.ss().forEach(node.putArray("SS")::add);
      case NS -> value.ns().forEach(node.putArray("NS")::add);
      case BS -> {
        ArrayNode sets = node.putArray("BS");
        value.bs().forEach(bytes -> sets.add(base64(bytes)));
      }
      case M -> node.set("M", item(value.m()));
      case L -> {
        ArrayNode list = node.putArray("L");
        value.l().forEach(element -> list.add(value(element)));
      }
      default -> throw new IllegalArgumentException("Unknown attribute value type: " + value);
    }
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
