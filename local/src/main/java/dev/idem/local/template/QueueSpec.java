package dev.idem.local.template;

import java.time.Duration;

/**
 * An SQS queue ({@code AWS::SQS::Queue}). Null durations and sizes mean SQS's defaults.
 *
 * @param logicalId its logical id
 * @param name its {@code QueueName}, else the logical id (with {@code .fifo} for a FIFO queue)
 * @param fifo whether it is a FIFO queue
 * @param contentBasedDeduplication whether FIFO deduplication hashes the body
 * @param visibilityTimeout how long a received message stays invisible, or null
 * @param messageRetention how long a message is kept, or null
 * @param delay how long a new message stays invisible, or null
 * @param receiveWaitTime the default long-poll wait, or null
 * @param maximumMessageSize in bytes, or null
 * @param redrive where messages go after too many receives, or null
 */
public record QueueSpec(
    String logicalId,
    String name,
    boolean fifo,
    boolean contentBasedDeduplication,
    Duration visibilityTimeout,
    Duration messageRetention,
    Duration delay,
    Duration receiveWaitTime,
    Integer maximumMessageSize,
    Redrive redrive)
    implements ProvisionedSpec {

  @Override
  public ResourceKind kind() {
    return ResourceKind.QUEUE;
  }

  /** A redrive policy: after {@code maxReceiveCount} receives, the message moves to the DLQ. */
  public record Redrive(String deadLetterTargetArn, int maxReceiveCount) {}
}
