package dev.idem.local.sources.sqs;

import dev.idem.local.retry.Backoff;
import dev.idem.local.sources.EventSource;
import dev.idem.local.sources.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * An SQS event source mapping with Lambda's semantics. One poller gathers batches (long polls of at
 * most 1 s, up to {@code BatchSize} messages or until {@code MaximumBatchingWindow} passes, and
 * never longer than half the queue's visibility timeout) and hands each to its own virtual thread,
 * at most {@code MaximumConcurrency} at once; the poller gathers no batch while all of them are in
 * flight.
 *
 * <p>A batch's outcome:
 *
 * <ul>
 *   <li>OK: every message is deleted; with {@code ReportBatchItemFailures} the ones the function
 *       lists in {@code batchItemFailures} are left to come back after the visibility timeout, and
 *       an answer that names an unknown or empty identifier, or is not a batch response, leaves the
 *       whole batch (Lambda's rule);
 *   <li>FUNCTION_ERROR: the whole batch is left; it comes back after the visibility timeout and the
 *       queue's {@code RedrivePolicy} moves it to the dead-letter queue after {@code
 *       maxReceiveCount};
 *   <li>THROTTLED: the invocation is retried with jittered backoff while the messages are still
 *       invisible; once their visibility timeout would pass they are let go (SQS delivers them
 *       again), never deleted.
 * </ul>
 *
 * <p>FIFO queues: the queue hands out a message group only while none of its messages is in flight,
 * so each group's messages reach the function in order, one batch per group at a time.
 *
 * {@snippet :
 * try (SqsEventSource source = SqsEventSource.start(config, sqsClient, SourceContext.of(lambda))) {
 *   // messages sent to the queue now reach the function
 * }
 * }
 *
 * <p>Closing it (see {@link EventSource#close(Duration)}) stops polling at once: a long poll under
 * way ends within a second and the messages it returns are made visible again; a batch waiting out
 * a throttle is let go at once, and the batches in flight are waited for.
 */
public final class SqsEventSource extends EventSource {

  private static final System.Logger LOG = System.getLogger(SqsEventSource.class.getName());
  private static final int LONG_POLL_SECONDS = 1;
  private static final Duration SLOT_WAIT = Duration.ofMillis(200);
  private static final Duration SHORT_POLL_PAUSE = Duration.ofMillis(25);

  /** The waits after a failed receive. */
  private static final Backoff RECEIVE_BACKOFF =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  /** Bodies gathered beyond this stop a batch: one more receive (10 × 256 KB) stays under 6 MB. */
  private static final long MAX_GATHERED_BYTES = 3L * 1024 * 1024;

  private final SqsSourceConfig config;
  private final SqsClient sqs;
  private final SqsBatchRunner runner;
  private final Duration gatherLimit;
  private final Semaphore slots;
  private final Backoff.Waits receiveBackoff = RECEIVE_BACKOFF.waits();

  private SqsEventSource(
      SqsSourceConfig config, SqsClient sqs, SourceContext context, Duration visibilityTimeout) {
    super(
        "sqs " + config.queueName() + " -> " + config.functionName(),
        "sqs-source-" + config.queueName());
    this.config = config;
    this.sqs = sqs;
    this.runner = new SqsBatchRunner(config, sqs, context, stopSignal(), visibilityTimeout);
    Duration halfVisibility = visibilityTimeout.dividedBy(2);
    this.gatherLimit =
        config.maxBatchingWindow().compareTo(halfVisibility) < 0
            ? config.maxBatchingWindow()
            : halfVisibility;
    this.slots = new Semaphore(config.maximumConcurrency());
  }

  /**
   * Reads the queue's visibility timeout and starts polling.
   *
   * @param config the mapping
   * @param sqs a client for the queue's endpoint; the source does not close it
   * @param context the functions, clock and invocation listener
   * @throws IllegalStateException when the queue does not exist or cannot be read
   */
  public static SqsEventSource start(SqsSourceConfig config, SqsClient sqs, SourceContext context) {
    SqsEventSource source =
        new SqsEventSource(config, sqs, context, visibilityTimeout(sqs, config));
    source.startPolling();
    return source;
  }

  /** The mapping this source runs. */
  public SqsSourceConfig config() {
    return config;
  }

  @Override
  protected boolean awaitInFlight(long deadlineNanos) throws InterruptedException {
    int all = config.maximumConcurrency();
    boolean drained =
        slots.tryAcquire(all, remaining(deadlineNanos).toNanos(), TimeUnit.NANOSECONDS);
    if (drained) {
      slots.release(all);
    }
    return drained;
  }

  @Override
  protected void poll() {
    if (!acquireSlot()) {
      return;
    }
    SqsBatch batch = gather();
    if (batch.messages().isEmpty()) {
      slots.release();
    } else if (stopSignal().stopped()) {
      runner.release(batch);
      slots.release();
    } else {
      dispatch(batch);
    }
  }

  private boolean acquireSlot() {
    try {
      return slots.tryAcquire(SLOT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      stopSignal().stop();
      return false;
    }
  }

  private void dispatch(SqsBatch batch) {
    Thread.ofVirtual()
        .name("sqs-batch-" + config.queueName())
        .start(() -> {
          try {
            runner.run(batch);
          } finally {
            slots.release();
          }
        });
  }

  private SqsBatch gather() {
    List<Message> messages = new ArrayList<>();
    long firstReceived = 0;
    long bytes = 0;
    while (messages.size() < config.batchSize()
        && bytes < MAX_GATHERED_BYTES
        && !stopSignal().stopped()) {
      long remaining = firstReceived + gatherLimit.toNanos() - System.nanoTime();
      if (!messages.isEmpty() && remaining <= 0) {
        break;
      }
      boolean longPoll = messages.isEmpty() || remaining >= Duration.ofSeconds(1).toNanos();
      List<Message> received =
          receive(Math.min(10, config.batchSize() - messages.size()), longPoll);
      if (messages.isEmpty()) {
        firstReceived = System.nanoTime();
      }
      messages.addAll(received);
      bytes += received.stream().mapToLong(m -> m.body().length()).sum();
      if (messages.isEmpty() || gatherLimit.isZero()) {
        break;
      }
      if (received.isEmpty() && !longPoll) {
        stopSignal().pause(Duration.ofNanos(Math.min(remaining, SHORT_POLL_PAUSE.toNanos())));
      }
    }
    return new SqsBatch(messages, firstReceived);
  }

  private List<Message> receive(int max, boolean longPoll) {
    try {
      List<Message> messages =
          sqs.receiveMessage(request ->
                  request
                      .queueUrl(config.queueUrl())
                      .maxNumberOfMessages(max)
                      .waitTimeSeconds(longPoll ? LONG_POLL_SECONDS : 0)
                      .messageSystemAttributeNamesWithStrings("All")
                      .messageAttributeNames("All"))
              .messages();
      receiveBackoff.reset();
      return messages;
    } catch (SdkException e) {
      Duration delay = receiveBackoff.next();
      LOG.log(
          System.Logger.Level.WARNING,
          "SQS source of {0}: receiving from {1} failed, retrying in {2} ms: {3}",
          config.functionName(),
          config.queueUrl(),
          delay.toMillis(),
          e.getMessage());
      stopSignal().pause(delay);
      return List.of();
    }
  }

  private static Duration visibilityTimeout(SqsClient sqs, SqsSourceConfig config) {
    try {
      String seconds =
          sqs.getQueueAttributes(request ->
                  request
                      .queueUrl(config.queueUrl())
                      .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
              .attributes()
              .get(QueueAttributeName.VISIBILITY_TIMEOUT);
      return Duration.ofSeconds(seconds == null ? 30 : Long.parseLong(seconds));
    } catch (QueueDoesNotExistException e) {
      throw new IllegalStateException(
          "SQS source of "
              + config.functionName()
              + ": queue "
              + config.queueUrl()
              + " does not exist",
          e);
    } catch (SdkException e) {
      throw new IllegalStateException(
          "SQS source of " + config.functionName() + ": cannot read queue " + config.queueUrl(), e);
    }
  }
}
