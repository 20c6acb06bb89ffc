package dev.idem.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.Duration;

/**
 * Settings of a {@link QueueConsumer}. Build with {@link #builder(IdempotentFunction)}: only the
 * function is required.
 *
 * @param function the consumer
 * @param queue the queue's settings; its visibility timeout, when set, must be at least {@link
 *     #minimumVisibilityTimeout()}
 * @param batchSize the most messages per invocation
 * @param maxBatchingWindow how long Lambda gathers a batch (zero for FIFO queues)
 * @param maxConcurrency the most concurrent invocations the queue drives, or null for no limit
 */
public record QueueConsumerProps(
    IdempotentFunction function,
    MonitoredQueueProps queue,
    int batchSize,
    Duration maxBatchingWindow,
    Integer maxConcurrency) {

  /** AWS's guidance: at least six times the function's timeout, plus the batching window. */
  public static final int VISIBILITY_TIMEOUT_FACTOR = 6;

  /**
   * Validates the settings against Lambda's and AWS's rules for SQS event sources.
   *
   * @throws IllegalArgumentException when the queue's visibility timeout is below {@link
   *     #minimumVisibilityTimeout()}, or a batch setting is out of Lambda's range
   */
  public QueueConsumerProps {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(maxBatchingWindow, "maxBatchingWindow");
    checkBatch(queue.fifo(), batchSize, maxBatchingWindow);
    if (maxConcurrency != null && (maxConcurrency < 2 || maxConcurrency > 1000)) {
      throw new IllegalArgumentException(
          "maxConcurrency must be between 2 and 1000 (Lambda's range), was " + maxConcurrency);
    }
    long minimum =
        VISIBILITY_TIMEOUT_FACTOR * Seconds.of(function.timeout()) + Seconds.of(maxBatchingWindow);
    if (queue.visibilityTimeout() != null && Seconds.of(queue.visibilityTimeout()) < minimum) {
      throw new IllegalArgumentException(
          "The queue's visibility timeout ("
              + Seconds.of(queue.visibilityTimeout())
              + " s) must be at least 6 x the function's timeout ("
              + Seconds.of(function.timeout())
              + " s) + the batching window ("
              + Seconds.of(maxBatchingWindow)
              + " s) = "
              + minimum
              + " s; otherwise a message whose invocation is retried becomes visible again while"
              + " it is still being processed. Raise it, or leave it unset to derive it");
    }
  }

  /** A builder for a consumer running {@code function}, with every other default. */
  public static Builder builder(IdempotentFunction function) {
    return new Builder(function);
  }

  /** 6 x the function's timeout + the batching window, the least visibility timeout accepted. */
  public Duration minimumVisibilityTimeout() {
    return Duration.seconds(
        VISIBILITY_TIMEOUT_FACTOR * Seconds.of(function.timeout()) + Seconds.of(maxBatchingWindow));
  }

  /** The queue's settings with its visibility timeout set (derived when it was not). */
  MonitoredQueueProps resolvedQueue() {
    return queue.visibilityTimeout() != null
        ? queue
        : queue.withVisibilityTimeout(minimumVisibilityTimeout());
  }

  private static void checkBatch(boolean fifo, int batchSize, Duration window) {
    int maximum = fifo ? 10 : 10_000;
    if (batchSize < 1 || batchSize > maximum) {
      throw new IllegalArgumentException(
          "batchSize must be between 1 and " + maximum + " for this queue, was " + batchSize);
    }
    if (fifo && Seconds.of(window) > 0) {
      throw new IllegalArgumentException(
          "A FIFO queue's event source has no batching window (Lambda refuses one); set"
              + " maxBatchingWindow(Duration.seconds(0))");
    }
    if (Seconds.of(window) > 300) {
      throw new IllegalArgumentException(
          "maxBatchingWindow must be at most 300 seconds, was " + Seconds.of(window));
    }
    if (batchSize > 10 && Seconds.of(window) < 1) {
      throw new IllegalArgumentException(
          "A batch size above 10 needs a batching window of at least 1 second");
    }
  }

  /** Builds {@link QueueConsumerProps}. */
  public static final class Builder {
    private final IdempotentFunction function;
    private MonitoredQueueProps queue = MonitoredQueueProps.builder().build();
    private int batchSize = 10;
    private Duration maxBatchingWindow;
    private Integer maxConcurrency;

    private Builder(IdempotentFunction function) {
      this.function = function;
    }

    /**
     * The queue's settings (FIFO, retention, redrive, encryption, alarms).
     *
     * @default {@code MonitoredQueueProps.builder().build()}, with the visibility timeout derived
     */
    public Builder queue(MonitoredQueueProps queue) {
      this.queue = queue;
      return this;
    }

    /**
     * The most messages per invocation.
     *
     * @default 10
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * How long Lambda gathers a batch before invoking.
     *
     * @default 1 second for a standard queue; none for a FIFO queue (Lambda supports none)
     */
    public Builder maxBatchingWindow(Duration maxBatchingWindow) {
      this.maxBatchingWindow = maxBatchingWindow;
      return this;
    }

    /**
     * The most concurrent invocations the queue drives (2 to 1000).
     *
     * @default no limit beyond the function's
     */
    public Builder maxConcurrency(Integer maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException as {@link QueueConsumerProps} does
     */
    public QueueConsumerProps build() {
      Duration window =
          maxBatchingWindow != null ? maxBatchingWindow : Duration.seconds(queue.fifo() ? 0 : 1);
      return new QueueConsumerProps(function, queue, batchSize, window, maxConcurrency);
    }
  }
}
