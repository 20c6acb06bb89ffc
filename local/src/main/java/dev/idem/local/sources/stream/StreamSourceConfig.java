package dev.idem.local.sources.stream;

import dev.idem.local.sources.EventFilter;
import dev.idem.testing.LocalAccount;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One stream event source mapping (a DynamoDB stream's; Lambda gives a Kinesis stream's the same
 * settings): which stream feeds which function, and how failures are handled.
 *
 * {@snippet :
 * StreamSourceConfig relay =
 *     new StreamSourceConfig(
 *         "OrderEventsRelay",
 *         ordersStreamArn,
 *         StreamSourceConfig.StartingPosition.TRIM_HORIZON,
 *         100,
 *         Duration.ZERO,
 *         3,
 *         -1,
 *         true,
 *         true,
 *         "arn:aws:sqs:us-east-1:000000000000:relay-failures");
 * }
 *
 * @param functionName the function to invoke
 * @param streamArn the stream's ARN (a table's {@code LatestStreamArn}); each record's {@code
 *     eventSourceARN}
 * @param startingPosition where reading starts in the shards open at start; shards that appear
 *     later are read from their beginning
 * @param batchSize most records per invocation: 1 to 10,000 (Lambda's default is 100)
 * @param maxBatchingWindow how long to gather records before invoking with fewer than {@code
 *     batchSize}: zero (the default) to 5 minutes
 * @param maximumRetryAttempts how often a failing batch is retried before it is given up on: 0 to
 *     10,000, or -1 (the default) for until its records expire
 * @param maximumRecordAgeInSeconds records older than this are not sent to the function but given
 *     up on: 60 to 604,800, or -1 (the default) for no limit
 * @param bisectBatchOnFunctionError whether a failing batch is split in two halves that are retried
 *     on their own (splitting does not count as a retry)
 * @param reportBatchItemFailures whether the function answers {@code {"batchItemFailures":
 *     [{"itemIdentifier": "<SequenceNumber>"}]}}; processing resumes from the lowest reported
 *     record
 * @param onFailureDestinationArn the SQS queue that receives a description of every batch given up
 *     on ({@code DestinationConfig.OnFailure}), or null to discard such batches
 * @param filters the {@code FilterCriteria} patterns; empty for none (see {@link EventFilter})
 */
public record StreamSourceConfig(
    String functionName,
    String streamArn,
    StartingPosition startingPosition,
    int batchSize,
    Duration maxBatchingWindow,
    int maximumRetryAttempts,
    int maximumRecordAgeInSeconds,
    boolean bisectBatchOnFunctionError,
    boolean reportBatchItemFailures,
    String onFailureDestinationArn,
    List<String> filters) {

  /** Where a mapping starts reading a stream. */
  public enum StartingPosition {
    /** The oldest record still in the stream. */
    TRIM_HORIZON,
    /** Records written after the mapping started. */
    LATEST
  }

  /** Lambda's default batch size for DynamoDB streams. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** {@code maximumRetryAttempts} and {@code maximumRecordAgeInSeconds}: no limit. */
  public static final int UNLIMITED = -1;

  private static final Duration MAX_WINDOW = Duration.ofMinutes(5);

  /**
   * Validates the mapping.
   *
   * @throws IllegalArgumentException when a number is out of range or the destination is not an SQS
   *     ARN
   * @throws NullPointerException when a required component is null
   */
  public StreamSourceConfig {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(streamArn, "streamArn");
    Objects.requireNonNull(startingPosition, "startingPosition");
    Objects.requireNonNull(maxBatchingWindow, "maxBatchingWindow");
    String where = "stream source of " + functionName + " (" + streamArn + "): ";
    require(batchSize >= 1 && batchSize <= 10_000, where + "BatchSize outside 1..10000");
    require(
        !maxBatchingWindow.isNegative() && maxBatchingWindow.compareTo(MAX_WINDOW) <= 0,
        where + "MaximumBatchingWindow outside 0..300 s");
    require(
        maximumRetryAttempts >= UNLIMITED && maximumRetryAttempts <= 10_000,
        where + "MaximumRetryAttempts outside -1..10000");
    require(
        maximumRecordAgeInSeconds == UNLIMITED
            || (maximumRecordAgeInSeconds >= 60 && maximumRecordAgeInSeconds <= 604_800),
        where + "MaximumRecordAgeInSeconds neither -1 nor within 60..604800");
    require(
        onFailureDestinationArn == null || onFailureDestinationArn.startsWith("arn:aws:sqs:"),
        where + "the OnFailure destination must be an SQS queue ARN: " + onFailureDestinationArn);
    filters = List.copyOf(filters);
  }

  /** A mapping without filters. */
  public StreamSourceConfig(
      String functionName,
      String streamArn,
      StartingPosition startingPosition,
      int batchSize,
      Duration maxBatchingWindow,
      int maximumRetryAttempts,
      int maximumRecordAgeInSeconds,
      boolean bisectBatchOnFunctionError,
      boolean reportBatchItemFailures,
      String onFailureDestinationArn) {
    this(
        functionName,
        streamArn,
        startingPosition,
        batchSize,
        maxBatchingWindow,
        maximumRetryAttempts,
        maximumRecordAgeInSeconds,
        bisectBatchOnFunctionError,
        reportBatchItemFailures,
        onFailureDestinationArn,
        List.of());
  }

  /**
   * The stack's region: the local cloud runs one, {@code us-east-1}, as the template's {@code
   * AWS::Region} resolves and as functions' {@code AWS_REGION} says. Records carry it as {@code
   * awsRegion}; DynamoDB Local's own name for its region ({@code ddblocal}) never reaches them.
   */
  public String region() {
    return LocalAccount.REGION;
  }

  /** The ARN of the function, as the OnFailure message names it. */
  public String functionArn() {
    return LocalAccount.arn("lambda", "function:" + functionName);
  }

  /**
   * The table's name, from the stream ARN ({@code arn:...:table/NAME/stream/...}); for a Kinesis
   * ARN ({@code arn:...:stream/NAME}) the stream's.
   */
  public String tableName() {
    String[] parts = streamArn.split("/");
    return parts.length >= 2 ? parts[1] : streamArn;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
