package dev.idem.functions.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import dev.idem.events.publish.BatchResult;
import dev.idem.events.publish.EventBridgePublisher;
import dev.idem.events.publish.FailedEntry;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.JsonLog;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.lambda.DynamoDbStreamIdempotency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Publishes the domain events of the Orders table's stream to EventBridge, so that a state change
 * and its announcement never diverge (no dual writes).
 *
 * <p>Records are handled in order, each at most once under its stream {@code eventID}. A record
 * whose events EventBridge does not all accept, after the publisher's retries, stops the batch: it
 * is reported as the batch item failure, so Lambda retries from it and no later record overtakes
 * it. Its events go out again with the same ids, and consumers deduplicate on them.
 */
public final class OrderEventsRelayService {

  /** The idempotency key prefix of the relay; stable across deployments. */
  public static final String KEY_PREFIX = "order-events-relay";

  private final DynamoDbStreamIdempotency stream;
  private final TransitionDetector detector = new TransitionDetector();
  private final EventBridgePublisher publisher;
  private final String eventBusName;
  private final JsonLog log;
  private final EmfMetrics metrics;

  /**
   * A relay over its collaborators.
   *
   * @param idempotency over the idempotency table, with key prefix {@link #KEY_PREFIX}
   */
  public OrderEventsRelayService(
      Idempotency idempotency,
      EventBridgePublisher publisher,
      String eventBusName,
      JsonLog log,
      EmfMetrics metrics) {
    this.stream = DynamoDbStreamIdempotency.of(idempotency);
    this.publisher = publisher;
    this.eventBusName = eventBusName;
    this.log = log;
    this.metrics = metrics;
  }

  /** Relays one stream batch; the response names the record to resume from, if any failed. */
  public StreamsEventResponse relay(DynamodbEvent event, Context context) {
    StreamsEventResponse response = stream.process(event, context, this::relay);
    for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      log.warn("stream batch stopped", null, Map.of("resumeFrom", failure.getItemIdentifier()));
      metrics.count("StreamRecordsFailed", 1);
    }
    return response;
  }

  private void relay(DynamodbStreamRecord record) {
    List<DomainEvent<?>> events = detect(record);
    if (events.isEmpty()) {
      return;
    }
    List<PutEventsRequestEntry> entries =
        events.stream().map(e -> EventJson.toEntry(e, eventBusName)).toList();
    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);
    String correlationId = events.get(0).metadata().correlationId();
    if (!result.allSent()) {
      log.error("events not published", correlationId, failure(record, events, result));
      metrics.count("EventsNotPublished", result.failed().size());
      throw new PublishFailedException(
          result.failed().size() + " of " + entries.size() + " events of a record not published");
    }
    log.info("events published", correlationId, published(record, events));
    metrics.count("EventsPublished", entries.size());
  }

  private List<DomainEvent<?>> detect(DynamodbStreamRecord record) {
    try {
      return detector.detect(record);
    } catch (MalformedOrderImageException e) {
      log.error("stream record cannot make its events", null, Map.of("reason", e.getMessage()));
      throw e;
    }
  }

  private static Map<String, Object> published(
      DynamodbStreamRecord record, List<DomainEvent<?>> events) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("orderId", events.get(0).data().orderId());
    fields.put("streamEventId", record.getEventID());
    fields.put("detailTypes", events.stream().map(DomainEvent::detailType).toList());
    fields.put("eventIds", events.stream().map(e -> e.metadata().eventId()).toList());
    return fields;
  }

  private static Map<String, Object> failure(
      DynamodbStreamRecord record,
      List<DomainEvent<?>> events,
      BatchResult<PutEventsRequestEntry> result) {
    Map<String, Object> fields = published(record, events);
    fields.put(
        "errors",
        result.failed().stream()
            .map(f -> f.entry().detailType() + ": " + f.errorCode() + " after " + attempts(f))
            .toList());
    return fields;
  }

  private static String attempts(FailedEntry<PutEventsRequestEntry> failed) {
    return failed.attempts() + (failed.attempts() == 1 ? " attempt" : " attempts");
  }
}
