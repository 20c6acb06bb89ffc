package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.Outcome;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs an EventBridge target at most once per event: the key is the event's {@code id}, which every
 * redelivery of the event keeps, and the payload its {@code detail}. A duplicate gets the stored
 * result without running the handler. Immutable and thread-safe: build one per container.
 *
 * {@snippet :
 * public final class NotifyCustomerHandler implements RequestHandler<ScheduledEvent, Receipt> {
 *   private static final EventBridgeIdempotency<ScheduledEvent> EVENTS =
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
 * not; {@link Builder#buildForJson()} and {@link Builder#buildForMap()} build an adapter for an
 * event read some other way. The same three modes as {@link Idempotency}: {@link #handle} guards a
 * handler with any effects, {@link #handleTransactional} and {@link #handleInSingleTransaction}
 * commit a handler's DynamoDB writes with the event's record. The library's exceptions reach the
 * caller: with an asynchronous invocation, Lambda then retries the event later.
 *
 * @param <I> the event type
 */
public final class EventBridgeIdempotency<I> {

  private final Idempotency idempotency;
  private final Function<I, String> key;
  private final Function<I, JsonNode> detail;

  private EventBridgeIdempotency(
      Idempotency idempotency, Function<I, String> key, Function<I, JsonNode> detail) {
    this.idempotency = idempotency;
    this.key = key;
    this.detail = detail;
  }

  /** A builder over {@code idempotency}, which sets the store, key prefix and record expiry. */
  public static Builder builder(Idempotency idempotency) {
    return new Builder(idempotency);
  }

  /**
   * An adapter for {@link ScheduledEvent}s with the default settings.
   *
   * @throws IdempotencyConfigurationException if {@code idempotency} is null
   */
  public static EventBridgeIdempotency<ScheduledEvent> of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Guard mode: runs {@code handler} unless this event already ran, and returns its result or the
   * stored one.
   *
   * @param event the event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param resultType the result's class, to read a stored result back
   * @param handler the handler; its exception reaches the caller unchanged, after the key is
   *     released
   * @return the handler's result, or the stored result of an earlier delivery
   * @throws dev.idem.idempotency.InvalidIdempotencyKeyException if the event has no id
   * @throws dev.idem.idempotency.InFlightException if another invocation is handling the event
   * @throws dev.idem.idempotency.PayloadMismatchException if an event with this id had another
   *     detail
   * @throws dev.idem.idempotency.IdempotencyStoreException if the store failed before the handler
   *     ran
   * @throws E whatever the handler throws
   */
  public <T, E extends Exception> T handle(
      I event, Context context, Class<T> resultType, EventHandler<I, T, E> handler) throws E {
    return idempotency.execute(request(event, context), resultType, () -> handler.handle(event));
  }

  /**
   * Transactional completion: claims the event's key, runs {@code handler}, then commits the writes
   * it added with the completed record in one DynamoDB transaction.
   *
   * @return the result (the handler's or the stored one), or the rejection of one of the handler's
   *     writes (nothing was written, the key is free)
   * @throws dev.idem.idempotency.LeaseLostException if another invocation took the key over first
   * @throws IdempotencyConfigurationException if the store is not transactional
   * @throws E whatever the handler throws (nothing was written)
   * @see #handle for the other exceptions
   */
  public <T, E extends Exception> Outcome<T> handleTransactional(
      I event, Context context, Class<T> resultType, TransactionalHandler<I, T, E> handler)
      throws E {
    return idempotency.executeTransactional(
        request(event, context), resultType, writes -> handler.handle(event, writes));
  }

  /**
   * Single transaction: runs {@code handler}, which must have no effects but the writes it adds,
   * then claims the event's key, commits those writes and the completed record in one DynamoDB
   * transaction. A duplicate's writes never land; it gets the stored result.
   *
   * @return the result (the handler's or the stored one), or the rejection of one of the handler's
   *     writes (nothing was written)
   * @throws IdempotencyConfigurationException if the store is not transactional
   * @throws E whatever the handler throws (nothing was written)
   * @see #handle for the other exceptions
   */
  public <T, E extends Exception> Outcome<T> handleInSingleTransaction(
      I event, Context context, Class<T> resultType, TransactionalHandler<I, T, E> handler)
      throws E {
    return idempotency.executeInSingleTransaction(
        request(event, context), resultType, writes -> handler.handle(event, writes));
  }

  private dev.idem.idempotency.IdempotentRequest request(I event, Context context) {
    return Payloads.request(key.apply(event), detail.apply(event), context);
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
     * Builds an adapter for {@link ScheduledEvent}s, the events library's type for any EventBridge
     * event.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public EventBridgeIdempotency<ScheduledEvent> build() {
      return build(ScheduledEvent::getId, (event, m) -> m.valueToTree(event.getDetail()));
    }

    /**
     * Builds an adapter for events as JSON trees, with their {@code id} and {@code detail} members.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public EventBridgeIdempotency<JsonNode> buildForJson() {
      return build(
          event ->
              event.get("id") != null && event.get("id").isTextual()
                  ? event.get("id").textValue()
                  : null,
          (event, m) -> event.get("detail"));
    }

    /**
     * Builds an adapter for events as maps, such as the one Lambda hands a {@code
     * RequestHandler<Map<String, Object>, ...>}.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public EventBridgeIdempotency<Map<String, Object>> buildForMap() {
      return build(
          event -> event.get("id") instanceof String id ? id : null,
          (event, m) -> m.valueToTree(event.get("detail")));
    }

    private <I> EventBridgeIdempotency<I> build(
        Function<I, String> key, BiFunction<I, ObjectMapper, JsonNode> detail) {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(mapper != null, "objectMapper must not be null");
      ObjectMapper trees = mapper;
      return new EventBridgeIdempotency<>(idempotency, key, event -> detail.apply(event, trees));
    }
  }
}
