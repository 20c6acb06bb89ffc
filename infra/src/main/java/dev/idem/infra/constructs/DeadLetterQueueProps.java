package dev.idem.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Settings of a {@link DeadLetterQueue}. Build with {@link #builder()}; every setting has a
 * default.
 *
 * @param fifo whether the queue is FIFO (the dead-letter queue of a FIFO queue must be)
 * @param retentionPeriod how long a message is kept
 * @param encryptionKey the customer-managed KMS key, or null for SQS-managed encryption
 * @param alarmAction what the depth alarm notifies, or null for nothing
 */
public record DeadLetterQueueProps(
    boolean fifo, Duration retentionPeriod, IKey encryptionKey, IAlarmAction alarmAction) {

  public DeadLetterQueueProps {
    Objects.requireNonNull(retentionPeriod, "retentionPeriod");
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeadLetterQueueProps}. */
  public static final class Builder {
    private boolean fifo;
    private Duration retentionPeriod = Duration.days(14);
    private IKey encryptionKey;
    private IAlarmAction alarmAction;

    private Builder() {}

    /**
     * Whether the queue is FIFO.
     *
     * @default false
     */
    public Builder fifo(boolean fifo) {
      this.fifo = fifo;
      return this;
    }

    /**
     * How long a message is kept. SQS keeps a message's first enqueue time when it moves to a
     * standard dead-letter queue, so this must exceed the source queue's retention.
     *
     * @default 14 days, SQS's maximum
     */
    public Builder retentionPeriod(Duration retentionPeriod) {
      this.retentionPeriod = retentionPeriod;
      return this;
    }

    /**
     * Encrypts with this customer-managed key.
     *
     * @default SQS-managed encryption (SSE-SQS)
     */
    public Builder encryptionKey(IKey encryptionKey) {
      this.encryptionKey = encryptionKey;
      return this;
    }

    /**
     * What the depth alarm notifies (for example an SNS topic action).
     *
     * @default nothing: the alarm only changes state
     */
    public Builder alarmAction(IAlarmAction alarmAction) {
      this.alarmAction = alarmAction;
      return this;
    }

    /** The settings. */
    public DeadLetterQueueProps build() {
      return new DeadLetterQueueProps(fifo, retentionPeriod, encryptionKey, alarmAction);
    }
  }
}
