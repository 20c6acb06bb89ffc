package dev.idem.local.template;

import java.time.Duration;
import java.util.List;

/**
 * An SQS event source mapping: a SAM {@code SQS} event, or an {@code
 * AWS::Lambda::EventSourceMapping} on a queue.
 *
 * @param name the event's key in {@code Events}, or the mapping's logical id
 * @param queueArn the queue's ARN
 * @param batchSize most messages per batch (default 10)
 * @param maxBatchingWindow how long to gather a batch (default zero)
 * @param reportBatchItemFailures whether the function answers {@code batchItemFailures}
 * @param maximumConcurrency most concurrent invocations ({@code ScalingConfig}), or null for no
 *     limit but the function's
 * @param enabled whether the mapping polls (default true)
 * @param filters the {@code FilterCriteria} patterns (event-ruler JSON); a message matching none is
 *     deleted without an invocation; empty for no filtering
 */
public record SqsEvent(
    String name,
    String queueArn,
    int batchSize,
    Duration maxBatchingWindow,
    boolean reportBatchItemFailures,
    Integer maximumConcurrency,
    boolean enabled,
    List<String> filters)
    implements FunctionEvent {

  public SqsEvent {
    filters = List.copyOf(filters);
  }

  /** A mapping without filters. */
  public SqsEvent(
      String name,
      String queueArn,
      int batchSize,
      Duration maxBatchingWindow,
      boolean reportBatchItemFailures,
      Integer maximumConcurrency,
      boolean enabled) {
    this(
        name,
        queueArn,
        batchSize,
        maxBatchingWindow,
        reportBatchItemFailures,
        maximumConcurrency,
        enabled,
        List.of());
  }
}
