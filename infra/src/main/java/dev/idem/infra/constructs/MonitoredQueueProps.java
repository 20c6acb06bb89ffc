package dev.idem.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Settings of a {@link MonitoredQueue}. Build with {@link #builder()}; every setting has a default.
 *
 * @param fifo whether the queue and its dead-letter queue are FIFO
 * @param visibilityTimeout how long a received message stays hidden, or null for SQS's 30 seconds
 *     (a {@link QueueConsumer} derives it from its function)
 * @param retentionPeriod how long a message is kept
 * @param maxReceiveCount receives after which a message moves to the dead-letter queue
 * @param deadLetterRetention how long the dead-letter queue keeps a message
 * @param encryptionKey the customer-managed KMS key of both queues, or null for SQS-managed
 * @param oldestMessageAgeThreshold the age of the oldest message that raises the backlog alarm
 * @param alarmAction what both alarms notify, or null for nothing
 */
public record MonitoredQueueProps(
    boolean fifo,
    Duration visibilityTimeout,
    Duration retentionPeriod,
    int maxReceiveCount,
    Duration deadLetterRetention,
    IKey encryptionKey,
    Duration oldestMessageAgeThreshold,
    IAlarmAction alarmAction) {

  public MonitoredQueueProps {
    Objects.requireNonNull(retentionPeriod, "retentionPeriod");
    Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
    Objects.requireNonNull(oldestMessageAgeThreshold, "oldestMessageAgeThreshold");
    if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new IllegalArgumentException(
          "maxReceiveCount must be between 1 and 1000, was " + maxReceiveCount);
    }
    if (Seconds.of(deadLetterRetention) <= Seconds.of(retentionPeriod)) {
      throw new IllegalArgumentException(
          "The dead-letter queue must keep messages longer than the queue ("
              + Seconds.of(deadLetterRetention)
              + " s <= "
              + Seconds.of(retentionPeriod)
              + " s): SQS keeps a message's first enqueue time when it moves it there");
    }
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** These settings with another visibility timeout. */
  public MonitoredQueueProps withVisibilityTimeout(Duration visibilityTimeout) {
    return new MonitoredQueueProps(
        fifo,
        visibilityTimeout,
        retentionPeriod,
        maxReceiveCount,
        deadLetterRetention,
        encryptionKey,
        oldestMessageAgeThreshold,
        alarmAction);
  }

  DeadLetterQueueProps deadLetterQueue() {
    return DeadLetterQueueProps.builder()
        .fifo(fifo)
        .retentionPeriod(deadLetterRetention)
        .encryptionKey(encryptionKey)
        .alarmAction(alarmAction)
        .build();
  }

  /** Builds {@link MonitoredQueueProps}. */
  public static final class Builder {
    private boolean fifo;
    private Duration visibilityTimeout;
    private Duration retentionPeriod = Duration.days(4);
    private int maxReceiveCount = 5;
    private Duration deadLetterRetention = Duration.days(14);
    private IKey encryptionKey;
    private Duration oldestMessageAgeThreshold = Duration.minutes(15);
    private IAlarmAction alarmAction;

    private Builder() {}

    /**
     * Whether the queue and its dead-letter queue are FIFO.
     *
     * @default false
     */
    public Builder fifo(boolean fifo) {
      this.fifo = fifo;
      return this;
    }

    /**
     * How long a received message stays hidden from other receivers.
     *
     * @default SQS's 30 seconds; in a {@link QueueConsumer}, 6 x the function's timeout + the
     *     batching window
     */
    public Builder visibilityTimeout(Duration visibilityTimeout) {
      this.visibilityTimeout = visibilityTimeout;
      return this;
    }

    /**
     * How long a message is kept.
     *
     * @default 4 days (SQS's default)
     */
    public Builder retentionPeriod(Duration retentionPeriod) {
      this.retentionPeriod = retentionPeriod;
      return this;
    }

    /**
     * Receives after which a message moves to the dead-letter queue.
     *
     * @default 5
     */
    public Builder maxReceiveCount(int maxReceiveCount) {
      this.maxReceiveCount = maxReceiveCount;
      return this;
    }

    /**
     * How long the dead-letter queue keeps a message; longer than {@link #retentionPeriod}.
     *
     * @default 14 days
     */
    public Builder deadLetterRetention(Duration deadLetterRetention) {
      this.deadLetterRetention = deadLetterRetention;
      return this;
    }

    /**
     * Encrypts both queues with this customer-managed key.
     *
     * @default SQS-managed encryption (SSE-SQS)
     */
    public Builder encryptionKey(IKey encryptionKey) {
      this.encryptionKey = encryptionKey;
      return this;
    }

    /**
     * The age of the oldest message at which the backlog alarm fires.
     *
     * @default 15 minutes
     */
    public Builder oldestMessageAgeThreshold(Duration oldestMessageAgeThreshold) {
      this.oldestMessageAgeThreshold = oldestMessageAgeThreshold;
      return this;
    }

    /**
     * What both alarms notify.
     *
     * @default nothing: the alarms only change state
     */
    public Builder alarmAction(IAlarmAction alarmAction) {
      this.alarmAction = alarmAction;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when the dead-letter queue would not outlive the queue's
     *     messages, or maxReceiveCount is out of range
     */
    public MonitoredQueueProps build() {
      return new MonitoredQueueProps(
          fifo,
          visibilityTimeout,
          retentionPeriod,
          maxReceiveCount,
          deadLetterRetention,
          encryptionKey,
          oldestMessageAgeThreshold,
          alarmAction);
    }
  }
}
