package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotentRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Processes an SQS batch with each message at most once per key, and reports the messages to retry
 * as a partial batch response. The three modes of {@link Idempotency}: {@link #process} guards a
 * handler with any effects; {@link #processTransactional} and {@link #processInSingleTransaction}
 * commit a handler's DynamoDB writes with the message's record. Enable {@code
 * ReportBatchItemFailures} on the event source mapping. Immutable and thread-safe: build one per
 * container.
 *
 * {@snippet :
 * public final class CapturePaymentHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
 *   private static final SqsBatchIdempotency BATCH =
 *       SqsBatchIdempotency.builder(Idempotency.builder().store(store).keyPrefix("payments").build())
 *           .keyFrom(message -> paymentId(message.getBody()))
 *           .build();
 *
 *   @Override
 *   public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
 *     return BATCH.process(event, context, message -> payments.capture(message.getBody()));
 *   }
 * }
 * }
 *
 * <p>Each message runs under its own key (its message id unless {@link Builder#keyFrom} says
 * otherwise), with its body (parsed when it is JSON, unless {@link Builder#payloadFrom} says
 * otherwise) as the payload the key must come with. A message whose key already completed succeeds
 * without running the handler. A message fails, and is reported in {@code batchItemFailures} by its
 * message id, when the handler throws, the key is held by another invocation, the key came with
 * another body, or the store fails. If the loop itself breaks (an {@link Error}, a malformed
 * batch), every message not yet processed is reported failed; when none can be named, the error is
 * thrown so that Lambda retries the whole batch.
 *
 * <p>On a FIFO queue (its ARN ends in {@code .fifo}) messages run in order, one at a time:
 * processing stops at the first failure, which is reported with every later message. With {@link
 * Builder#fifoSkipFailedGroupOnly()}, only the later messages of the failed message's group are
 * held back. On a standard queue, messages run in order too, unless {@link Builder#parallel} gives
 * an executor.
 */
public final class SqsBatchIdempotency {

  private final Idempotency idempotency;
  private final Function<SQSMessage, String> keyFrom;
  private final Function<SQSMessage, Object> payloadFrom;
  private final boolean skipFailedGroupOnly;
  private final ExecutorService executor;
  private final Payloads payloads;

  private SqsBatchIdempotency(Builder builder) {
    this.idempotency = builder.idempotency;
    this.keyFrom = builder.keyFrom;
    this.skipFailedGroupOnly = builder.skipFailedGroupOnly;
    this.executor = builder.executor;
    this.payloads = new Payloads(builder.mapper);
    this.payloadFrom =
        builder.payloadFrom != null ? builder.payloadFrom : m -> payloads.body(m.getBody());
  }

  /** A builder over {@code idempotency}, which sets the store, key prefix and record expiry. */
  public static Builder builder(Idempotency idempotency) {
    return new Builder(idempotency);
  }

  /** An adapter with the default settings: message ids as keys, sequential processing. */
  public static SqsBatchIdempotency of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Guard mode: runs {@code handler} on each message of the batch that has not run before.
   *
   * @param event the SQS event; null or empty is an empty batch
   * @param context the invocation's context, whose remaining time bounds each message's lease; null
   *     outside Lambda (the default lease applies)
   * @param handler processes one message; throwing fails only that message
   * @return the messages to retry; an empty list when all succeeded
   * @throws RuntimeException or {@link Error}: only when the loop broke and no message can be named
   *     as failed, so that Lambda retries the whole batch
   */
  public SQSBatchResponse process(
      SQSEvent event, Context context, RecordHandler<SQSMessage> handler) {
    return processEach(event, context, Batches.guard(idempotency, handler));
  }

  /**
   * Transactional completion: for each message, claims its key, runs {@code handler}, then commits
   * the writes it added with the message's record in one DynamoDB transaction, and hands the
   * outcome to {@link TransactionalRecordHandler#onOutcome}. Failures are reported as in {@link
   * #process}.
   *
   * @param resultType the class of the handler's result, to read a stored one back
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <T> SQSBatchResponse processTransactional(
      SQSEvent event,
      Context context,
      Class<T> resultType,
      TransactionalRecordHandler<SQSMessage, T> handler) {
    return processEach(
        event,
        context,
        Batches.transactional(idempotency, TransactionMode.COMPLETION, resultType, handler));
  }

  /**
   * Single transaction: for each message, runs {@code handler} first, then claims the key, commits
   * its writes and the message's record in one DynamoDB transaction (a duplicate's writes never
   * land), and hands the outcome to {@link TransactionalRecordHandler#onOutcome}. One round trip
   * per new message; the handler must have no effects but its writes. Failures are reported as in
   * {@link #process}.
   *
   * @param resultType the class of the handler's result, to read a stored one back
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <T> SQSBatchResponse processInSingleTransaction(
      SQSEvent event,
      Context context,
      Class<T> resultType,
      TransactionalRecordHandler<SQSMessage, T> handler) {
    return processEach(
        event,
        context,
        Batches.transactional(idempotency, TransactionMode.SINGLE, resultType, handler));
  }

  private SQSBatchResponse processEach(
      SQSEvent event, Context context, Batches.RecordRun<SQSMessage> handler) {
    List<SQSMessage> messages = event == null ? List.of() : Batches.orEmpty(event.getRecords());
    Set<Integer> succeeded = ConcurrentHashMap.newKeySet();
    try {
      if (isFifo(messages)) {
        processInOrder(messages, context, handler, succeeded);
      } else if (executor != null) {
        processInParallel(messages, context, handler, succeeded);
      } else {
        for (int i = 0; i < messages.size(); i++) {
          run(messages, i, context, handler, succeeded);
        }
      }
    } catch (Throwable crash) {
      if (crash instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Batches.logCrash(crash);
      List<SQSBatchResponse.BatchItemFailure> failures = failures(messages, succeeded);
      if (failures.isEmpty()) {
        throw Batches.rethrow(crash);
      }
      return new SQSBatchResponse(failures);
    }
    return new SQSBatchResponse(failures(messages, succeeded));
  }

  private void processInOrder(
      List<SQSMessage> messages,
      Context context,
      Batches.RecordRun<SQSMessage> handler,
      Set<Integer> succeeded) {
    Set<String> failedGroups = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      if (!skipFailedGroupOnly && !failedGroups.isEmpty()) {
        return;
      }
      String group = Objects.requireNonNullElse(groupOf(messages.get(i)), "");
      if (!failedGroups.contains(group) && !run(messages, i, context, handler, succeeded)) {
        failedGroups.add(group);
      }
    }
  }

  private void processInParallel(
      List<SQSMessage> messages,
      Context context,
      Batches.RecordRun<SQSMessage> handler,
      Set<Integer> succeeded)
      throws Throwable {
    List<Future<?>> running = new ArrayList<>(messages.size());
    try {
      for (int i = 0; i < messages.size(); i++) {
        int index = i;
        running.add(executor.submit(() -> run(messages, index, context, handler, succeeded)));
      }
    } finally {
      awaitAll(running);
    }
  }

  // Waits for every message, even after one broke, so that none is reported failed while it may
  // still succeed.
  private static void awaitAll(List<Future<?>> running) throws Throwable {
    Throwable crash = null;
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (ExecutionException e) {
        crash = crash == null ? e.getCause() : crash;
      }
    }
    if (crash != null) {
      throw crash;
    }
  }

  private boolean run(
      List<SQSMessage> messages,
      int index,
      Context context,
      Batches.RecordRun<SQSMessage> handler,
      Set<Integer> succeeded) {
    SQSMessage message = Objects.requireNonNull(messages.get(index), "The batch holds a null");
    IdempotentRequest request;
    try {
      request = Payloads.request(keyFrom.apply(message), payloadFrom.apply(message), context);
    } catch (RuntimeException e) {
      return false;
    }
    boolean ok = Batches.attempt(handler, request, message).succeeded();
    if (ok) {
      succeeded.add(index);
    }
    return ok;
  }

  private static List<SQSBatchResponse.BatchItemFailure> failures(
      List<SQSMessage> messages, Set<Integer> succeeded) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      SQSMessage message = messages.get(i);
      if (!succeeded.contains(i) && message != null && message.getMessageId() != null) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return failures;
  }

  private static boolean isFifo(List<SQSMessage> messages) {
    return messages.stream()
        .filter(Objects::nonNull)
        .findFirst()
        .map(m -> m.getEventSourceArn() != null && m.getEventSourceArn().endsWith(".fifo"))
        .orElse(false);
  }

  private static String groupOf(SQSMessage message) {
    return message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
  }

  /** Configures an {@link SqsBatchIdempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private final Idempotency idempotency;
    private Function<SQSMessage, String> keyFrom = SQSMessage::getMessageId;
    private Function<SQSMessage, Object> payloadFrom;
    private boolean skipFailedGroupOnly;
    private ExecutorService executor;
    private ObjectMapper mapper = new ObjectMapper();

    private Builder(Idempotency idempotency) {
      this.idempotency = idempotency;
    }

    /**
     * The key of a message, such as a business id from its body; a message whose function throws or
     * returns null fails. Default: the SQS message id, which is the same for every redelivery of a
     * message but differs for a message the producer sent twice.
     */
    public Builder keyFrom(Function<SQSMessage, String> keyFrom) {
      this.keyFrom = keyFrom;
      return this;
    }

    /**
     * What a message's key must always come with, fingerprinted as canonical JSON; a message whose
     * function throws fails. Default: the body, parsed when it is JSON. Set it together with {@link
     * #keyFrom} when the body wraps the business content in fields that change from one sending to
     * the next: an EventBridge event delivered to SQS gets a new {@code id} each time it is
     * published, so with the whole body as payload a republished event would be a payload mismatch
     * instead of a replay. Use its {@code detail} then.
     */
    public Builder payloadFrom(Function<SQSMessage, Object> payloadFrom) {
      this.payloadFrom = payloadFrom;
      return this;
    }

    /**
     * On FIFO queues, after a failure hold back only the later messages of the failed message's
     * group ({@code MessageGroupId}), and go on with the other groups. Default: stop the batch.
     */
    public Builder fifoSkipFailedGroupOnly() {
      this.skipFailedGroupOnly = true;
      return this;
    }

    /**
     * Runs the messages of standard queues concurrently on {@code executor}, which the caller owns
     * and shuts down. FIFO batches always run in order. Default: one message at a time.
     */
    public Builder parallel(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** Parses JSON bodies for their fingerprint. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing
     */
    public SqsBatchIdempotency build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(keyFrom != null, "keyFrom must not be null");
      Payloads.require(mapper != null, "objectMapper must not be null");
      return new SqsBatchIdempotency(this);
    }
  }
}
