package dev.idem.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids. An event published from a DynamoDB stream record gets an id derived from
 * the record, so publishing the same record again (the relay retried, or the stream redelivered)
 * gives the same id, and consumers that deduplicate on it handle the event once.
 */
public final class EventIds {

  private EventIds() {}

  /**
   * The id of the {@code detailType} event published for a stream record: a name-based UUID
   * (version 3) of {@code streamEventId + "/" + detailType}.
   *
   * {@snippet :
   * String eventId = EventIds.fromStreamRecord(record.getEventID(), "OrderPlaced");
   * }
   *
   * @param streamEventId the stream record's {@code eventID}
   * @param detailType the event's {@code DetailType}
   * @return a UUID string, the same for the same inputs
   * @throws IllegalArgumentException if either argument is blank
   */
  public static String fromStreamRecord(String streamEventId, String detailType) {
    Checks.text(streamEventId, "streamEventId");
    Checks.text(detailType, "detailType");
    String name = streamEventId + "/" + detailType;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The id of the {@code type} event for a stream record; see {@link #fromStreamRecord(String,
   * String)}.
   */
  public static String fromStreamRecord(String streamEventId, EventType type) {
    return fromStreamRecord(streamEventId, Objects.requireNonNull(type, "type").detailType());
  }
}
