package dev.idem.local.sources.sqs;

import dev.idem.local.sources.EventFilter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One SQS event source mapping: which queue feeds which function, and how.
 *
 * {@snippet :
 * SqsSourceConfig payments =
 *     new SqsSourceConfig(
 *         "CapturePayment",
 *         "http://127.0.0.1:4566/000000000000/payments",
 *         "arn:aws:sqs:us-east-1:000000000000:payments",
 *         10,
 *         Duration.ZERO,
 *         true,
 *         FunctionDefinition.DEFAULT_CONCURRENCY_LIMIT);
 * }
 *
 * @param functionName the function to invoke
 * @param queueUrl the queue's URL, as the SQS client addresses it
 * @param queueArn the queue's ARN: each record's {@code eventSourceARN}; its region is each
 *     record's {@code awsRegion}, and a name ending in {@code .fifo} makes it a FIFO source
 * @param batchSize most messages per invocation: 1 to 10,000 (at most 10 for FIFO); Lambda's
 *     default is 10
 * @param maxBatchingWindow how long to gather messages before invoking with fewer than {@code
 *     batchSize}: zero (the default; invoke with what one receive returns) to 5 minutes
 * @param reportBatchItemFailures whether the function answers {@code {"batchItemFailures":[...]}}
 *     ({@code FunctionResponseTypes: [ReportBatchItemFailures]})
 * @param maximumConcurrency most batches in flight at once ({@code
 *     ScalingConfig.MaximumConcurrency}, or the function's concurrency limit when the template sets
 *     none); at least 1
 * @param filters the {@code FilterCriteria} patterns; empty for none (see {@link EventFilter})
 */
public record SqsSourceConfig(
    String functionName,
    String queueUrl,
    String queueArn,
    int batchSize,
    Duration maxBatchingWindow,
    boolean reportBatchItemFailures,
    int maximumConcurrency,
    List<String> filters) {

  /** Lambda's default batch size for SQS. */
  public static final int DEFAULT_BATCH_SIZE = 10;

  private static final Duration MAX_WINDOW = Duration.ofMinutes(5);

  /**
   * Validates the mapping.
   *
   * @throws IllegalArgumentException when a size, window or concurrency is out of range, or the ARN
   *     is not an SQS ARN
   * @throws NullPointerException when a component is null
   */
  public SqsSourceConfig {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(queueArn, "queueArn");
    Objects.requireNonNull(maxBatchingWindow, "maxBatchingWindow");
    String where = "SQS source of " + functionName + " (" + queueArn + "): ";
    require(
        queueArn.startsWith("arn:") && queueArn.split(":", -1).length == 6, where + "not an ARN");
    int maxBatch = queueArn.endsWith(".fifo") ? 10 : 10_000;
    require(batchSize >= 1 && batchSize <= maxBatch, where + "BatchSize outside 1.." + maxBatch);
    require(
        !maxBatchingWindow.isNegative() && maxBatchingWindow.compareTo(MAX_WINDOW) <= 0,
        where + "MaximumBatchingWindow outside 0..300 s");
    require(maximumConcurrency >= 1, where + "MaximumConcurrency below 1");
    filters = List.copyOf(filters);
  }

  /** A mapping without filters. */
  public SqsSourceConfig(
      String functionName,
      String queueUrl,
      String queueArn,
      int batchSize,
      Duration maxBatchingWindow,
      boolean reportBatchItemFailures,
      int maximumConcurrency) {
    this(
        functionName,
        queueUrl,
        queueArn,
        batchSize,
        maxBatchingWindow,
        reportBatchItemFailures,
        maximumConcurrency,
        List.of());
  }

  /** Whether the queue is a FIFO queue. */
  public boolean fifo() {
    return queueArn.endsWith(".fifo");
  }

  /** The queue's name, the ARN's last part. */
  public String queueName() {
    return queueArn.substring(queueArn.lastIndexOf(':') + 1);
  }

  /** The region named in the ARN. */
  public String region() {
    return queueArn.split(":", -1)[3];
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
