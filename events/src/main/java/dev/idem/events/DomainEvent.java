package dev.idem.events;

import java.util.Objects;

/**
 * An event as EventBridge carries it: where it comes from, what it is, its metadata and its data.
 * The {@code Detail} JSON is {@code {"metadata": ..., "data": ...}}; see {@link EventJson}.
 *
 * {@snippet :
 * DomainEvent<OrderPlaced> event =
 *     DomainEvent.of(
 *         EventMetadata.of(eventId, order.correlationId(), order.causationId(), now),
 *         new OrderPlaced(order.id(), order.customerId(), "EUR", 7499, lines));
 * }
 *
 * @param source the EventBridge {@code Source}; always {@code data.type().source()}
 * @param detailType the EventBridge {@code DetailType}; always {@code data.type().detailType()}
 * @param metadata ids, time and schema version
 * @param data the type-specific data
 * @param <D> the data's type
 */
public record DomainEvent<D extends OrderEventData>(
    String source, String detailType, EventMetadata metadata, D data) {

  /**
   * Validates the event.
   *
   * @throws NullPointerException if metadata or data is null
   * @throws IllegalArgumentException if the source or detail type is not the one of the data's type
   */
  public DomainEvent {
    Objects.requireNonNull(metadata, "metadata is required");
    Objects.requireNonNull(data, "data is required");
    EventType type = data.type();
    if (!type.source().equals(source) || !type.detailType().equals(detailType)) {
      throw new IllegalArgumentException(
          "A "
              + type.detailType()
              + " event has source "
              + type.source()
              + " and detail type "
              + type.detailType()
              + ", not "
              + source
              + " and "
              + detailType);
    }
  }

  /** The event of {@code data}, with the source and detail type of its type. */
  public static <D extends OrderEventData> DomainEvent<D> of(EventMetadata metadata, D data) {
    Objects.requireNonNull(data, "data is required");
    return new DomainEvent<>(data.type().source(), data.type().detailType(), metadata, data);
  }

  /** The event's type. */
  public EventType type() {
    return data.type();
  }
}
