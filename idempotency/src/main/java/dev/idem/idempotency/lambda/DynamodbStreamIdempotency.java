package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Processes a DynamoDB stream batch in order with each record at most once, and reports where
 * Lambda should resume. Enable {@code ReportBatchItemFailures} on the event source mapping.
 * Immutable and thread-safe: build one per container.
 *
 * {@snippet :
 * public final class OrderEventsRelay implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
 *   private static final DynamodbStreamIdempotency STREAM =
 *       DynamodbStreamIdempotency.of(
 *           Idempotency.builder().store(store).keyPrefix("order-events").build());
 *
 *   @Override
 *   public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
 *     return STREAM.process(event, context, record -> publisher.publish(toEvent(record)));
 *   }
 * }
 * }
 *
 * <p>Each record runs under its {@code eventID}, with its {@code dynamodb} section (keys, new and
 * old image, sequence number) as the payload. A record that already completed is skipped. A record
 * whose key another invocation holds is waited for, claiming it again every second at most, while
 * the invocation has more than {@link #IN_FLIGHT_RESERVE} left: a shard is processed by one
 * invocation at a time, so the holder is a duplicate delivery that will finish soon or an
 * invocation that died holding the key, whose lease ends within a Lambda timeout — and Lambda's
 * retries of the batch, a few seconds apart, would all meet the same lease and end in the OnFailure
 * destination with the record never processed. At the first record that fails (the handler throws,
 * the key is still held, the store fails), processing stops and that record's sequence number is
 * reported as the batch item failure: Lambda checkpoints before it and retries from there, so order
 * is kept. If the loop itself breaks, the first record not processed is reported; when it cannot be
 * named, the error is thrown so that Lambda retries the whole batch.
 */
public final class DynamodbStreamIdempotency {

  /** The longest pause between two claims of a record in flight. */
  public static final Duration IN_FLIGHT_PAUSE = Duration.ofSeconds(1);

  /** What waiting for a record in flight leaves of the invocation's time, for the records. */
  public static final Duration IN_FLIGHT_RESERVE = Duration.ofSeconds(3);

  /** Waits between two claims of a record in flight; {@code Thread::sleep} outside tests. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final Idempotency idempotency;
  private final ObjectMapper mapper;
  private final Pause pause;

  private DynamodbStreamIdempotency(Idempotency idempotency, ObjectMapper mapper, Pause pause) {
    this.idempotency = idempotency;
    this.mapper = mapper;
    this.pause = pause;
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
  public static DynamodbStreamIdempotency of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Runs {@code handler} on each record, in order, until one fails.
   *
   * @param event the stream event; null or empty is an empty batch
   * @param context the invocation's context, whose remaining time bounds each record's lease; null
   *     outside Lambda (the default lease applies)
   * @param handler processes one record; throwing stops the batch at that record
   * @return no failure when all records succeeded, else the sequence number to resume from
   * @throws RuntimeException or {@link Error}: only when the loop broke and the record to resume
   *     from cannot be named, so that Lambda retries the whole batch
   */
  public StreamsEventResponse process(
      DynamodbEvent event, Context context, RecordHandler<DynamodbStreamRecord> handler) {
    List<DynamodbStreamRecord> records =
        event == null ? List.of() : Batches.orEmpty(event.getRecords());
    int done = 0;
    Throwable crash = null;
    try {
      while (done < records.size() && run(records.get(done), context, handler)) {
        done++;
      }
    } catch (Throwable t) {
      Batches.logCrash(t);
      crash = t;
    }
    if (done == records.size()) {
      return new StreamsEventResponse(List.of());
    }
    String resumeFrom = sequenceNumber(records.get(done));
    if (resumeFrom == null) {
      throw crash != null
          ? Batches.rethrow(crash)
          : new IllegalStateException("A stream record without a sequence number failed");
    }
    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(resumeFrom)));
  }

  private boolean run(
      DynamodbStreamRecord record, Context context, RecordHandler<DynamodbStreamRecord> handler) {
    Objects.requireNonNull(record, "The batch holds a null");
    Duration budget = null;
    Duration waited = Duration.ZERO;
    while (true) {
      // Built anew for each claim: the lease is the time the invocation has left then.
      IdempotentRequest request =
          Payloads.request(
              record.getEventID(), StreamRecords.payload(record.getDynamodb(), mapper), context);
      try {
        return Batches.runGuardedUnlessInFlight(idempotency, request, record, handler);
      } catch (InFlightException inFlight) {
        if (budget == null) {
          budget = waitingBudget(context);
        }
        Duration next = min(inFlight.retryAfter(), IN_FLIGHT_PAUSE);
        if (waited.plus(next).compareTo(budget) > 0 || !pauseFor(next)) {
          return false;
        }
        waited = waited.plus(next);
      }
    }
  }

  /** How long records in flight may be waited for: none outside Lambda. */
  private static Duration waitingBudget(Context context) {
    if (context == null) {
      return Duration.ZERO;
    }
    Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
    return remaining.compareTo(IN_FLIGHT_RESERVE) > 0
        ? remaining.minus(IN_FLIGHT_RESERVE)
        : Duration.ZERO;
  }

  private boolean pauseFor(Duration duration) {
    try {
      pause.pause(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String sequenceNumber(DynamodbStreamRecord record) {
    return record == null || record.getDynamodb() == null
        ? null
        : record.getDynamodb().getSequenceNumber();
  }

  /** Configures a {@link DynamodbStreamIdempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private final Idempotency idempotency;
    private ObjectMapper mapper = new ObjectMapper();
    private Pause pause = duration -> Thread.sleep(duration);

    private Builder(Idempotency idempotency) {
      this.idempotency = idempotency;
    }

    /** How the adapter waits for a record in flight; for tests. */
    Builder pause(Pause newPause) {
      this.pause = newPause;
      return this;
    }

    /** Builds the records' payload trees. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public DynamodbStreamIdempotency build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(mapper != null, "objectMapper must not be null");
      return new DynamodbStreamIdempotency(idempotency, mapper, pause);
    }
  }
}
