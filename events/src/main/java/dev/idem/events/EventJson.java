package dev.idem.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The JSON form of events on EventBridge. Writing produces the {@code Detail} {@code
 * {"metadata":{...},"data":{...}}} with ISO-8601 instants and money as integer minor units. Reading
 * ignores fields it does not know, so events of a newer schema version still read, and reads a
 * missing {@code schemaVersion} as 0; it is strict about types (a {@code total} of {@code 12.5} or
 * {@code "1250"} is an error, not a rounded number). Thread-safe.
 *
 * {@snippet :
 * // publisher side
 * PutEventsRequestEntry entry = EventJson.toEntry(event, "idem-orders");
 * // consumer side: an SQS message delivered by an EventBridge rule
 * DomainEvent<OrderPlaced> placed =
 *     EventJson.readEventBridgeEvent(message.getBody(), OrderPlaced.class);
 * }
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventJson() {}

  /**
   * The event's {@code Detail} JSON.
   *
   * @throws NullPointerException if {@code event} is null
   */
  public static String detail(DomainEvent<?> event) {
    Objects.requireNonNull(event, "event");
    try {
      return MAPPER.writeValueAsString(new Detail(event.metadata(), event.data()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a " + event.detailType() + " event", e);
    }
  }

  /**
   * The PutEvents entry of the event: its source, detail type and detail, and {@code Time} set to
   * {@code occurredAt}.
   *
   * @param eventBusName the bus's name or ARN
   * @throws NullPointerException if an argument is null
   */
  public static PutEventsRequestEntry toEntry(DomainEvent<?> event, String eventBusName) {
    Objects.requireNonNull(eventBusName, "eventBusName");
    return PutEventsRequestEntry.builder()
        .eventBusName(eventBusName)
        .source(event.source())
        .detailType(event.detailType())
        .detail(detail(event))
        .time(event.metadata().occurredAt())
        .build();
  }

  /**
   * Reads an EventBridge event as EventBridge delivers it to a target, for example the body of an
   * SQS message: {@code {"id":...,"detail-type":...,"source":...,"detail":{...}}}.
   *
   * @throws EventFormatException if the JSON is malformed, its detail type unknown, its source not
   *     the one of its type, or its detail invalid
   */
  public static DomainEvent<OrderEventData> readEventBridgeEvent(String json) {
    JsonNode root = parse(json, "EventBridge event");
    EventType type = typeOf(text(root, "detail-type"));
    String source = text(root, "source");
    if (!type.source().equals(source)) {
      throw new EventFormatException(
          "A " + type.detailType() + " event comes from " + type.source() + ", not " + source);
    }
    JsonNode detail = root.get("detail");
    if (detail == null || !detail.isObject()) {
      throw new EventFormatException("The EventBridge event has no \"detail\" object");
    }
    return readDetail(type, (ObjectNode) detail);
  }

  /**
   * Reads an EventBridge event of a known type.
   *
   * @throws EventFormatException if the event is invalid (see {@link
   *     #readEventBridgeEvent(String)}) or of another type
   */
  public static <D extends OrderEventData> DomainEvent<D> readEventBridgeEvent(
      String json, Class<D> dataType) {
    return expect(readEventBridgeEvent(json), dataType);
  }

  /**
   * Reads the {@code Detail} JSON of an event of type {@code detailType}.
   *
   * @throws EventFormatException if the detail type is unknown or the JSON is not a valid detail
   */
  public static DomainEvent<OrderEventData> readDetail(String detailType, String detailJson) {
    EventType type = typeOf(detailType);
    JsonNode detail = parse(detailJson, type.detailType() + " detail");
    if (!detail.isObject()) {
      throw new EventFormatException("A " + type.detailType() + " detail must be a JSON object");
    }
    return readDetail(type, (ObjectNode) detail);
  }

  private static DomainEvent<OrderEventData> readDetail(EventType type, ObjectNode detail) {
    JsonNode metadata = detail.get("metadata");
    JsonNode data = detail.get("data");
    if (metadata == null || !metadata.isObject() || data == null || !data.isObject()) {
      throw new EventFormatException(
          "A " + type.detailType() + " detail needs \"metadata\" and \"data\" objects");
    }
    ObjectNode versioned = ((ObjectNode) metadata).deepCopy();
    if (!versioned.has("schemaVersion")) {
      versioned.put("schemaVersion", 0);
    }
    return DomainEvent.of(
        convert(versioned, EventMetadata.class, type, "metadata"),
        convert(data, type.dataType(), type, "data"));
  }

  private static <T> T convert(JsonNode node, Class<T> target, EventType type, String part) {
    try {
      return MAPPER.treeToValue(node, target);
    } catch (JsonMappingException e) {
      String where = e.getPath().isEmpty() ? "" : " at " + path(e);
      throw new EventFormatException(
          "Invalid " + type.detailType() + " " + part + where + ": " + rootMessage(e), e);
    } catch (JsonProcessingException e) {
      throw new EventFormatException("Invalid " + type.detailType() + " " + part, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <D extends OrderEventData> DomainEvent<D> expect(
      DomainEvent<OrderEventData> event, Class<D> dataType) {
    if (!dataType.isInstance(event.data())) {
      throw new EventFormatException(
          "Expected a " + dataType.getSimpleName() + " event, got " + event.detailType());
    }
    return (DomainEvent<D>) (DomainEvent<?>) event;
  }

  private static JsonNode parse(String json, String what) {
    if (json == null) {
      throw new EventFormatException("No JSON for the " + what);
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new EventFormatException(
          "The " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static EventType typeOf(String detailType) {
    return EventType.ofDetailType(detailType)
        .orElseThrow(() -> new EventFormatException("Unknown detail type \"" + detailType + "\""));
  }

  private static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual()) {
      throw new EventFormatException("The EventBridge event has no \"" + field + "\" string");
    }
    return value.asText();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
    }
    return path.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof JsonProcessingException json
        ? json.getOriginalMessage()
        : cause.getMessage();
  }

  private record Detail(EventMetadata metadata, OrderEventData data) {}
}
