package dev.idem.functions.relay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Order images and stream records of Lambda's types, for the relay's unit tests. */
final class StreamRecords {

  static final String ORDER_ID = "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f13";

  private StreamRecords() {}

  /** The image of a just-placed order: two lines, total 7499 EUR. */
  static Map<String, AttributeValue> placed() {
    Map<String, AttributeValue> image = new HashMap<>();
    image.put("orderId", s(ORDER_ID));
    image.put("customerId", s("c-1"));
    image.put("currency", s("EUR"));
    image.put("total", n(7499));
    image.put("lines", list(line("SKU-001", 2, 1250), line("SKU-002", 1, 4999)));
    image.put("status", s("PLACED"));
    image.put("inventory", s("PENDING"));
    image.put("correlationId", s("corr-1"));
    image.put("causationId", s("req-1"));
    image.put("createdAt", s("2026-11-26T10:00:00Z"));
    image.put("updatedAt", s("2026-11-26T10:00:00Z"));
    image.put("version", n(1));
    return image;
  }

  /** {@code image} changed as an update would: the attributes set, version +1, a new cause. */
  static Map<String, AttributeValue> changed(
      Map<String, AttributeValue> image, String... namesAndValues) {
    Map<String, AttributeValue> next = new HashMap<>(image);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      next.put(namesAndValues[i], s(namesAndValues[i + 1]));
    }
    next.put("version", n(Long.parseLong(image.get("version").getN()) + 1));
    next.put("causationId", s("cause-" + next.get("version").getN()));
    next.put("updatedAt", s("2026-11-26T10:00:0" + next.get("version").getN() + "Z"));
    return next;
  }

  static DynamodbStreamRecord insert(String eventId, Map<String, AttributeValue> image) {
    return record(eventId, "INSERT", null, image);
  }

  static DynamodbStreamRecord modify(
      String eventId, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    return record(eventId, "MODIFY", before, after);
  }

  static DynamodbStreamRecord remove(String eventId, Map<String, AttributeValue> before) {
    return record(eventId, "REMOVE", before, null);
  }

  static DynamodbStreamRecord record(
      String eventId,
      String eventName,
      Map<String, AttributeValue> before,
      Map<String, AttributeValue> after) {
    StreamRecord change = new StreamRecord();
    change.setKeys(Map.of("orderId", s(ORDER_ID)));
    change.setOldImage(before);
    change.setNewImage(after);
    change.setSequenceNumber("1000" + eventId.hashCode());
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventID(eventId);
    record.setEventName(eventName);
    record.setEventSource("aws:dynamodb");
    record.setDynamodb(change);
    return record;
  }

  static AttributeValue s(String value) {
    return new AttributeValue().withS(value);
  }

  static AttributeValue n(long value) {
    return new AttributeValue().withN(Long.toString(value));
  }

  static AttributeValue list(AttributeValue... values) {
    return new AttributeValue().withL(List.of(values));
  }

  private static AttributeValue line(String sku, int quantity, long unitPrice) {
    return new AttributeValue()
        .withM(
            Map.of(
                "sku", s(sku),
                "quantity", n(quantity),
                "unitPrice", n(unitPrice),
                "lineTotal", n(unitPrice * quantity)));
  }
}
