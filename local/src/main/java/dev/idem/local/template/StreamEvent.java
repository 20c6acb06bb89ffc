package dev.idem.local.template;

import java.time.Duration;
import java.util.List;

/**
 * A DynamoDB stream event source mapping: a SAM {@code DynamoDB} event, or an {@code
 * AWS::Lambda::EventSourceMapping} on a table's stream.
 *
 * @param name the event's key in {@code Events}, or the mapping's logical id
 * @param streamArn the stream's ARN
 * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
 * @param batchSize most records per batch (default 100)
 * @param maxBatchingWindow how long to gather a batch (default zero)
 * @param maximumRetryAttempts retries of a failing batch; -1 (the default) retries until the
 *     records expire
 * @param maximumRecordAgeInSeconds records older than this are skipped; -1 (the default) for no
 *     limit
 * @param bisectOnError whether a failing batch is split in two and retried
 * @param reportBatchItemFailures whether the function answers {@code batchItemFailures}
 * @param onFailureDestinationArn where a batch given up on is reported (an SQS queue ARN), or null
 * @param enabled whether the mapping polls (default true)
 * @param filters the {@code FilterCriteria} patterns (event-ruler JSON); a record matching none is
 *     skipped without an invocation; empty for no filtering
 */
public record StreamEvent(
    String name,
    String streamArn,
    String startingPosition,
    int batchSize,
    Duration maxBatchingWindow,
    int maximumRetryAttempts,
    int maximumRecordAgeInSeconds,
    boolean bisectOnError,
    boolean reportBatchItemFailures,
    String onFailureDestinationArn,
    boolean enabled,
    List<String> filters)
    implements FunctionEvent {

  public StreamEvent {
    filters = List.copyOf(filters);
  }

  /** A mapping without filters. */
  public StreamEvent(
      String name,
      String streamArn,
      String startingPosition,
      int batchSize,
      Duration maxBatchingWindow,
      int maximumRetryAttempts,
      int maximumRecordAgeInSeconds,
      boolean bisectOnError,
      boolean reportBatchItemFailures,
      String onFailureDestinationArn,
      boolean enabled) {
    this(
        name,
        streamArn,
        startingPosition,
        batchSize,
        maxBatchingWindow,
        maximumRetryAttempts,
        maximumRecordAgeInSeconds,
        bisectOnError,
        reportBatchItemFailures,
        onFailureDestinationArn,
        enabled,
        List.of());
  }
}
