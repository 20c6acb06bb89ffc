package dev.idem.events.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes entries to EventBridge with PutEvents, so that none is lost silently.
 *
 * <ul>
 *   <li>Entries go in calls of at most {@value #MAX_ENTRIES} entries and {@value #MAX_BATCH_BYTES}
 *       bytes, sized as EventBridge sizes them (the UTF-8 bytes of Source, DetailType, Detail and
 *       Resources, plus 14 when Time is set). An entry bigger than that on its own is never sent:
 *       it comes back failed with {@code EntryTooLarge}.
 *   <li>PutEvents accepts or refuses each entry. Refused entries whose error code is retryable
 *       ({@link #RETRYABLE_ERROR_CODES}) are sent again, alone with the other failures, after a
 *       backoff, up to the policy's attempts; others (for example {@code MalformedDetail}) fail at
 *       once.
 *   <li>A call that fails as a whole (an SDK exception) fails all its entries: retried if the
 *       exception is a throttle, a server error or a client-side I/O failure.
 * </ul>
 *
 * <p>EventBridge delivers at least once, and a retried entry may have been accepted after all, so
 * consumers deduplicate on the event id in the detail. Thread-safe if the client is.
 *
 * {@snippet :
 * EventBridgePublisher publisher = new EventBridgePublisher(eventBridge);
 * BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);
 * if (!result.allSent()) {
 *   // report the stream records behind result.failed() as batch item failures
 * }
 * }
 */
public final class EventBridgePublisher {

  /** The most entries PutEvents takes in one call. */
  public static final int MAX_ENTRIES = 10;

  /** The most bytes PutEvents takes in one call, by EventBridge's measure (256 KB). */
  public static final int MAX_BATCH_BYTES = 256 * 1024;

  /** Per-entry error codes that may pass on another try. */
  public static final Set<String> RETRYABLE_ERROR_CODES =
      Set.of("ThrottlingException", "InternalFailure", "InternalException", "ServiceUnavailable");

  private final EventBridgeClient client;
  private final RetryingBatcher<PutEventsRequestEntry> batcher;

  /** A publisher with the {@linkplain RetryPolicy#defaults() default policy}. */
  public EventBridgePublisher(EventBridgeClient client) {
    this(client, RetryPolicy.defaults());
  }

  /**
   * A publisher that retries by {@code policy}.
   *
   * @throws NullPointerException if an argument is null
   */
  public EventBridgePublisher(EventBridgeClient client, RetryPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.batcher =
        new RetryingBatcher<>(
            MAX_ENTRIES,
            MAX_BATCH_BYTES,
            EventBridgePublisher::size,
            Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Publishes {@code entries}; blocks through retries and their backoff.
   *
   * @return how many were published, and every entry that was not with its last error
   * @throws NullPointerException if the list or an entry is null
   */
  public BatchResult<PutEventsRequestEntry> publish(List<PutEventsRequestEntry> entries) {
    entries.forEach(e -> Objects.requireNonNull(e, "entry"));
    return batcher.run(entries, this::putEvents);
  }

  /**
   * An entry's size as EventBridge counts it against the PutEvents limit.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html">Calculating
   *     PutEvents entry size</a>
   */
  public static int size(PutEventsRequestEntry entry) {
    int size = entry.time() != null ? 14 : 0;
    size += bytes(entry.source()) + bytes(entry.detailType()) + bytes(entry.detail());
    for (String resource : entry.resources()) {
      size += bytes(resource);
    }
    return size;
  }

  private List<Outcome> putEvents(List<PutEventsRequestEntry> batch) {
    List<PutEventsResultEntry> results = client.putEvents(r -> r.entries(batch)).entries();
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      outcomes.add(i < results.size() ? outcome(results.get(i)) : missing());
    }
    return outcomes;
  }

  private static Outcome outcome(PutEventsResultEntry result) {
    if (result.errorCode() == null) {
      return Outcome.SENT;
    }
    boolean retryable = RETRYABLE_ERROR_CODES.contains(result.errorCode());
    return new Outcome.Failed(result.errorCode(), result.errorMessage(), retryable);
  }

  private static Outcome missing() {
    return new Outcome.Failed("MissingResult", "PutEvents returned no result for the entry", true);
  }

  private static int bytes(String value) {
    return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
  }
}
