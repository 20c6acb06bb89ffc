package dev.idem.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What every event carries besides its data: its identity, its place in the causal chain and its
 * schema version.
 *
 * @param eventId the event's unique id; consumers deduplicate on it (see {@link EventIds})
 * @param correlationId the id of the request that started the flow, the same in every event of one
 *     order; required from schema version 1, may be null in older events
 * @param causationId the id of what caused this event (the HTTP request, or the event a consumer
 *     handled); required from schema version 1, may be null in older events
 * @param occurredAt when the change happened
 * @param schemaVersion the envelope's schema version: {@value #CURRENT_SCHEMA_VERSION} for events
 *     produced now, 0 for events written before versions were recorded
 */
public record EventMetadata(
    String eventId,
    String correlationId,
    String causationId,
    Instant occurredAt,
    int schemaVersion) {

  /** The schema version this code produces. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  /**
   * Validates the metadata.
   *
   * @throws IllegalArgumentException if the event id is blank, the version negative, or a version
   *     1+ event lacks its correlation or causation id
   * @throws NullPointerException if {@code occurredAt} is null
   */
  public EventMetadata {
    Checks.text(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt is required");
    if (schemaVersion < 0) {
      throw new IllegalArgumentException("schemaVersion must be 0 or more, got " + schemaVersion);
    }
    if (schemaVersion >= 1) {
      Checks.text(correlationId, "correlationId");
      Checks.text(causationId, "causationId");
    }
  }

  /** Metadata of the {@linkplain #CURRENT_SCHEMA_VERSION current version}. */
  public static EventMetadata of(
      String eventId, String correlationId, String causationId, Instant occurredAt) {
    return new EventMetadata(
        eventId, correlationId, causationId, occurredAt, CURRENT_SCHEMA_VERSION);
  }
}
