package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotentRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Processes a DynamoDB stream batch in order with each record at most once, and reports where
 * Lambda should resume. Enable {@code ReportBatchItemFailures} on the event source mapping. The
 * three modes of {@link Idempotency}: {@link #process} guards a handler with any effects; {@link
 * #processTransactional} and {@link #processInSingleTransaction} commit a handler's DynamoDB writes
 * with the record's idempotency record. Immutable and thread-safe: build one per container.
 *
 * {@snippet :
 * public final class OrderEventsRelay implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
 *   private static final DynamoDbStreamIdempotency STREAM =
 *       DynamoDbStreamIdempotency.of(
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
 * whose key another invocation holds is waited for, as nothing after it may run first: until the
 * holder completes (the record is skipped) or its lease runs out (the record is taken over and
 * run), polling the key with growing pauses for at most the invocation's remaining time less a
 * second ({@link Builder#inFlightWait(Duration)} bounds it further). The holder may be a duplicate
 * delivery of the same batch, or an invocation that crashed or timed out after claiming the key;
 * without the wait, Lambda's retries of the batch would run into the crashed holder's lease until
 * {@code MaximumRetryAttempts} sent the batch to the OnFailure destination, its events unpublished.
 *
 * <p>At the first record that fails (the handler throws, the key is still held when the wait is
 * over, the store fails), processing stops and that record's sequence number is reported as the
 * batch item failure: Lambda checkpoints before it and retries from there, so order is kept. If the
 * loop itself breaks, the first record not processed is reported; when it cannot be named, the
 * error is thrown so that Lambda retries the whole batch.
 */
public final class DynamoDbStreamIdempotency {

  /** Without a Lambda context, how long a batch waits for held keys at most. */
  static final Duration DEFAULT_IN_FLIGHT_WAIT = Duration.ofSeconds(30);

  private final Idempotency idempotency;
  private final ObjectMapper mapper;
  private final Duration inFlightWait;

  private DynamoDbStreamIdempotency(
      Idempotency idempotency, ObjectMapper mapper, Duration inFlightWait) {
    this.idempotency = idempotency;
    this.mapper = mapper;
    this.inFlightWait = inFlightWait;
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
  public static DynamoDbStreamIdempotency of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Guard mode: runs {@code handler} on each record, in order, until one fails.
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
    return processEach(event, context, Batches.guard(idempotency, handler));
  }

  /**
   * Transactional completion: for each record, in order, claims its key, runs {@code handler}, then
   * commits the writes it added with the record's idempotency record in one DynamoDB transaction,
   * and hands the outcome to {@link TransactionalRecordHandler#onOutcome}. Stops at the first
   * failure as {@link #process} does.
   *
   * @param resultType the class of the handler's result, to read a stored one back
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <T> StreamsEventResponse processTransactional(
      DynamodbEvent event,
      Context context,
      Class<T> resultType,
      TransactionalRecordHandler<DynamodbStreamRecord, T> handler) {
    return processEach(
        event,
        context,
        Batches.transactional(idempotency, TransactionMode.COMPLETION, resultType, handler));
  }

  /**
   * Single transaction: for each record, in order, runs {@code handler} first, then claims the key
   * and commits its writes with the idempotency record in one DynamoDB transaction, and hands the
   * outcome to {@link TransactionalRecordHandler#onOutcome}. Stops at the first failure as {@link
   * #process} does.
   *
   * @param resultType the class of the handler's result, to read a stored one back
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <T> StreamsEventResponse processInSingleTransaction(
      DynamodbEvent event,
      Context context,
      Class<T> resultType,
      TransactionalRecordHandler<DynamodbStreamRecord, T> handler) {
    return processEach(
        event,
        context,
        Batches.transactional(idempotency, TransactionMode.SINGLE, resultType, handler));
  }

  private StreamsEventResponse processEach(
      DynamodbEvent event, Context context, Batches.RecordRun<DynamodbStreamRecord> handler) {
    List<DynamodbStreamRecord> records =
        event == null ? List.of() : Batches.orEmpty(event.getRecords());
    int done = 0;
    Throwable crash = null;
    InFlightWait wait = InFlightWait.forBatch(context, inFlightWait);
    try {
      while (done < records.size() && run(records.get(done), context, handler, wait)) {
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
      DynamodbStreamRecord record,
      Context context,
      Batches.RecordRun<DynamodbStreamRecord> handler,
      InFlightWait wait)
      throws InterruptedException {
    Objects.requireNonNull(record, "The batch holds a null");
    IdempotentRequest request =
        Payloads.request(
            record.getEventID(), StreamRecords.payload(record.getDynamodb(), mapper), context);
    while (true) {
      Batches.Attempt attempt = Batches.attempt(handler, request, record);
      if (attempt.inFlight() == null) {
        return attempt.succeeded();
      }
      if (!wait.pause(attempt.inFlight())) {
        return false;
      }
    }
  }

  private static String sequenceNumber(DynamodbStreamRecord record) {
    return record == null || record.getDynamodb() == null
        ? null
        : record.getDynamodb().getSequenceNumber();
  }

  /** Configures a {@link DynamoDbStreamIdempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private final Idempotency idempotency;
    private ObjectMapper mapper = new ObjectMapper();
    private Duration inFlightWait = DEFAULT_IN_FLIGHT_WAIT;

    private Builder(Idempotency idempotency) {
      this.idempotency = idempotency;
    }

    /** Builds the records' payload trees. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * How long one batch may wait, at most, for records whose keys other invocations hold. Default:
     * 30 s, and never past the invocation's remaining time less a second (with a Lambda context,
     * that is the real bound for any timeout under 31 s). {@link Duration#ZERO} reports a held
     * record at once, as a failure to retry from.
     */
    public Builder inFlightWait(Duration max) {
      this.inFlightWait = max;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public DynamoDbStreamIdempotency build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(mapper != null, "objectMapper must not be null");
      Payloads.require(
          inFlightWait != null && !inFlightWait.isNegative(), "inFlightWait must be zero or more");
      return new DynamoDbStreamIdempotency(idempotency, mapper, inFlightWait);
    }
  }
}
