package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A stream record's {@code dynamodb} section as DynamoDB JSON: keys, images and sequence number.
 * Written by hand because the event beans serialize every unset type as a null member.
 */
final class StreamRecords {

  private StreamRecords() {}

  static JsonNode payload(StreamRecord record, ObjectMapper mapper) {
    ObjectNode payload = mapper.createObjectNode();
    if (record == null) {
      return payload;
    }
    payload.set("Keys", item(record.getKeys(), mapper));
    payload.set("NewImage", item(record.getNewImage(), mapper));
    payload.set("OldImage", item(record.getOldImage(), mapper));
    payload.put("SequenceNumber", record.getSequenceNumber());
    return payload;
  }

  private static JsonNode item(Map<String, AttributeValue> item, ObjectMapper mapper) {
    if (item == null) {
      return mapper.nullNode();
    }
    ObjectNode node = mapper.createObjectNode();
    item.forEach((name, value) -> node.set(name, value(value, mapper)));
    return node;
  }

  private static JsonNode value(AttributeValue value, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    if (value == null) {
      return node;
    }
    putIfSet(node, "S", value.getS());
    putIfSet(node, "N", value.getN());
    if (value.getB() != null) {
      node.put("B", base64(value.getB()));
    }
    strings(node, "SS", value.getSS());
    strings(node, "NS", value.getNS());
    if (value.getBS() != null) {
      ArrayNode binaries = node.putArray("BS");
      value.getBS().forEach(b -> binaries.add(base64(b)));
    }
    if (value.getM() != null) {
      node.set("M", item(value.getM(), mapper));
    }
    if (value.getL() != null) {
      ArrayNode list = node.putArray("L");
      value.getL().forEach(v -> list.add(value(v, mapper)));
    }
    if (value.getNULL() != null) {
      node.put("NULL", value.getNULL());
    }
    if (value.getBOOL() != null) {
      node.put("BOOL", value.getBOOL());
    }
    return node;
  }

  private static void putIfSet(ObjectNode node, String type, String value) {
    if (value != null) {
      node.put(type, value);
    }
  }

  private static void strings(ObjectNode node, String type, Collection<String> values) {
    if (values != null) {
      ArrayNode array = node.putArray(type);
      values.forEach(array::add);
    }
  }

  private static String base64(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
