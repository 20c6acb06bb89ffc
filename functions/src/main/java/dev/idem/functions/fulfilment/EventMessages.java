package dev.idem.functions.fulfilment;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import dev.idem.events.EventType;
import dev.idem.events.OrderEventData;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.JsonLog;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.lambda.RecordHandler;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import dev.idem.idempotency.lambda.TransactionalRecordHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Reads the EventBridge events that rules deliver to a consumer's queue (the SQS body is the whole
 * event: {@code {"id":...,"detail-type":...,"source":...,"detail":{...}}}) and runs each at most
 * once per event.
 *
 * <p>The idempotency key of a message is the event's {@code metadata.eventId}, which stays the same
 * when the relay publishes the same change again; the payload the key must come with is the event's
 * {@code detail}, because EventBridge gives each publication a new envelope {@code id}. A body that
 * is not an event of an accepted type is logged at WARN, counted ({@code PoisonMessages}) and
 * reported failed: the queue delivers it again and, after its {@code maxReceiveCount}, moves it to
 * the dead-letter queue. It never blocks the other messages of the batch. Thread-safe.
 *
 * {@snippet :
 * EventMessages messages = new EventMessages(Set.of(EventType.ORDER_PLACED), log, metrics);
 * SqsBatchIdempotency batch = messages.batch(idempotency);
 * SQSBatchResponse response =
 *     batch.process(event, context, messages.handler(OrderPlaced.class, service::capture));
 * }
 */
public final class EventMessages {

  private static final ObjectMapper TREES = new ObjectMapper();

  private final Set<EventType> accepted;
  private final JsonLog log;
  private final EmfMetrics metrics;

  /** Reads events of the {@code accepted} types; logs and counts the messages it rejects. */
  public EventMessages(Set<EventType> accepted, JsonLog log, EmfMetrics metrics) {
    this.accepted = Set.copyOf(accepted);
    this.log = log;
    this.metrics = metrics;
  }

  /** The batch adapter over {@code idempotency}: key the event id, payload the event's detail. */
  public SqsBatchIdempotency batch(Idempotency idempotency) {
    return SqsBatchIdempotency.builder(idempotency)
        .keyFrom(message -> read(message).metadata().eventId())
        .payloadFrom(EventMessages::detail)
        .build();
  }

  /**
   * A record handler that reads each message's event and passes it to {@code handler}. When the
   * handler throws, it logs the failure at WARN with the event's correlation id and rethrows, so
   * the message is reported failed and delivered again.
   *
   * @param type the data type of the accepted events ({@link OrderEventData} for several types)
   */
  public <D extends OrderEventData> RecordHandler<SQSMessage> handler(
      Class<D> type, Consumer<DomainEvent<D>> handler) {
    return message -> {
      DomainEvent<D> event = cast(read(message), type);
      warnOnFailure(
          message,
          event,
          () -> {
            handler.accept(event);
            return null;
          });
    };
  }

  /**
   * A transactional record handler, for the batch adapter's transactional modes, that reads each
   * message's event and passes it to {@code handler}; failures are logged as in {@link #handler}.
   *
   * @param type the data type of the accepted events ({@link OrderEventData} for several types)
   */
  public <D extends OrderEventData, T>
      TransactionalRecordHandler<SQSMessage, T> transactionalHandler(
          Class<D> type, TransactionalRecordHandler<DomainEvent<D>, T> handler) {
    return new TransactionalRecordHandler<>() {
      @Override
      public T handle(SQSMessage message, TransactionWrites writes) throws Exception {
        DomainEvent<D> event = cast(read(message), type);
        return warnOnFailure(message, event, () -> handler.handle(event, writes));
      }

      @Override
      public void onOutcome(SQSMessage message, Outcome<T> outcome) throws Exception {
        DomainEvent<D> event = cast(read(message), type);
        warnOnFailure(
            message,
            event,
            () -> {
              handler.onOutcome(event, outcome);
              return null;
            });
      }
    };
  }

  /** Runs {@code work}; when it throws, logs the failure at WARN and rethrows. */
  private <T> T warnOnFailure(SQSMessage message, DomainEvent<?> event, Callable<T> work)
      throws Exception {
    try {
      return work.call();
    } catch (RuntimeException e) {
      log.warn(
          "event failed; the queue delivers it again",
          event.metadata().correlationId(),
          fields(message, event, e));
      throw e;
    }
  }

  /**
   * The event a message carries.
   *
   * @throws PoisonMessageException when the body is not an event of an accepted type (logged)
   */
  public DomainEvent<OrderEventData> read(SQSMessage message) {
    try {
      DomainEvent<OrderEventData> event = EventJson.readEventBridgeEvent(message.getBody());
      if (!accepted.contains(event.type())) {
        throw new PoisonMessageException(
            "This function does not handle " + event.detailType() + " events", null);
      }
      return event;
    } catch (RuntimeException e) {
      log.warn(
          "message is not an event this function handles; reported failed, the queue moves it to"
              + " its dead-letter queue after maxReceiveCount receives",
          null,
          Map.of(
              "messageId", String.valueOf(message.getMessageId()),
              "receiveCount", receiveCount(message),
              "reason", String.valueOf(e.getMessage())));
      metrics.count("PoisonMessages", 1);
      throw e instanceof PoisonMessageException poison
          ? poison
          : new PoisonMessageException(e.getMessage(), e);
    }
  }

  private static JsonNode detail(SQSMessage message) {
    try {
      return TREES.readTree(message.getBody()).get("detail");
    } catch (JsonProcessingException e) {
      throw new PoisonMessageException("The body is not JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <D extends OrderEventData> DomainEvent<D> cast(
      DomainEvent<OrderEventData> event, Class<D> type) {
    if (!type.isInstance(event.data())) {
      throw new IllegalStateException(
          "Accepted a " + event.detailType() + " event, but the handler takes " + type.getName());
    }
    return (DomainEvent<D>) (DomainEvent<?>) event;
  }

  private static Map<String, Object> fields(
      SQSMessage message, DomainEvent<?> event, RuntimeException e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("messageId", message.getMessageId());
    fields.put("eventId", event.metadata().eventId());
    fields.put("detailType", event.detailType());
    fields.put("orderId", event.data().orderId());
    fields.put("receiveCount", receiveCount(message));
    fields.put("error", e.toString());
    return fields;
  }

  private static String receiveCount(SQSMessage message) {
    Map<String, String> attributes = message.getAttributes();
    String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
    return count == null ? "unknown" : count;
  }
}
