package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import java.util.Map;

/**
 * Runs an EventBridge target at most once per event: the key is the event's {@code id}, which every
 * redelivery of the event keeps, and the payload its {@code detail}. A duplicate gets the stored
 * result without running the handler. Immutable and thread-safe: build one per container.
 *
 * {@snippet :
 * public final class NotifyCustomerHandler implements RequestHandler<ScheduledEvent, Receipt> {
 *   private static final EventBridgeIdempotency EVENTS =
 *       EventBridgeIdempotency.of(
 *           Idempotency.builder().store(store).keyPrefix("notifications").build());
 *
 *   @Override
 *   public Receipt handleRequest(ScheduledEvent event, Context context) {
 *     return EVENTS.handle(event, context, Receipt.class, e -> mailer.send(e.getDetail()));
 *   }
 * }
 * }
 *
 * <p>{@link ScheduledEvent} is the events library's type for any EventBridge event, scheduled or
 * not; {@link #handle(JsonNode, Context, Class, EventHandler)} and {@link #handle(Map, Context,
 * Class, EventHandler)} take an event read some other way. The library's exceptions reach the
 * caller: with an asynchronous invocation, Lambda then retries the event later.
 */
public final class EventBridgeIdempotency {

  private final Idempotency idempotency;
  private final ObjectMapper mapper;

  private EventBridgeIdempotency(Idempotency idempotency, ObjectMapper mapper) {
    this.idempotency = idempotency;
    this.mapper = mapper;
  }

  /** A builder over {@code idempotency}, which sets the store, key prefix and record expiry. */
  public static Builder builder(Idempotency idempotency) {
    return new Builder(idempotency);
  }

  /**
   * An adapter with the default settings.
   *
   * @throws IdempotencyConfigurationException if {@code idempotency} is null
   */
  public static EventBridgeIdempotency of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Runs {@code handler} unless this event already ran, and returns its result or the stored one.
   *
   * @param event the event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param resultType the result's class, to read a stored result back
   * @param handler the handler; its exception reaches the caller unchanged, after the key is
   *     released
   * @return the handler's result, or the stored result of an earlier delivery
   * @throws dev.idem.idempotency.InvalidKeyException if the event has no id
   * @throws dev.idem.idempotency.InFlightException if another invocation is handling the event
   * @throws dev.idem.idempotency.PayloadMismatchException if an event with this id had another
   *     detail
   * @throws dev.idem.idempotency.IdempotencyStoreException if the store failed before the handler
   *     ran
   * @throws E whatever the handler throws
   */
  public <T, E extends Exception> T handle(
      ScheduledEvent event,
      Context context,
      Class<T> resultType,
      EventHandler<ScheduledEvent, T, E> handler)
      throws E {
    return run(
        event.getId(), mapper.valueToTree(event.getDetail()), context, resultType, event, handler);
  }

  /**
   * {@link #handle(ScheduledEvent, Context, Class, EventHandler)} for an event as a JSON tree, with
   * its {@code id} and {@code detail} members.
   */
  public <T, E extends Exception> T handle(
      JsonNode event, Context context, Class<T> resultType, EventHandler<JsonNode, T, E> handler)
      throws E {
    JsonNode id = event.get("id");
    String key = id != null && id.isTextual() ? id.textValue() : null;
    return run(key, event.get("detail"), context, resultType, event, handler);
  }

  /**
   * {@link #handle(ScheduledEvent, Context, Class, EventHandler)} for an event as a map, such as
   * the one Lambda hands a {@code RequestHandler<Map<String, Object>, ...>}.
   */
  public <T, E extends Exception> T handle(
      Map<String, Object> event,
      Context context,
      Class<T> resultType,
      EventHandler<Map<String, Object>, T, E> handler)
      throws E {
    String key = event.get("id") instanceof String id ? id : null;
    return run(key, mapper.valueToTree(event.get("detail")), context, resultType, event, handler);
  }

  private <I, T, E extends Exception> T run(
      String key,
      JsonNode detail,
      Context context,
      Class<T> resultType,
      I event,
      EventHandler<I, T, E> handler)
      throws E {
    return idempotency.execute(
        Payloads.request(key, detail, context), resultType, () -> handler.handle(event));
  }

  /** Configures an {@link EventBridgeIdempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private final Idempotency idempotency;
    private ObjectMapper mapper = new ObjectMapper();

    private Builder(Idempotency idempotency) {
      this.idempotency = idempotency;
    }

    /** Turns an event's detail into a tree for its fingerprint. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public EventBridgeIdempotency build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(mapper != null, "objectMapper must not be null");
      return new EventBridgeIdempotency(idempotency, mapper);
    }
  }
}
