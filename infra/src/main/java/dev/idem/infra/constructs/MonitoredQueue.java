package dev.idem.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * A queue with its {@link DeadLetterQueue} and redrive: both encrypted and TLS only, an alarm on
 * the age of the oldest message (a backlog) and one on the dead-letter queue's depth. For a queue
 * that people or other tools read; a Lambda consumer uses {@link QueueConsumer}, which builds one.
 *
 * {@snippet :
 * MonitoredQueue review =
 *     new MonitoredQueue(
 *         this,
 *         "Review",
 *         MonitoredQueueProps.builder().visibilityTimeout(Duration.minutes(5)).build());
 * }
 */
public final class MonitoredQueue extends Construct {

  private final Queue queue;
  private final DeadLetterQueue deadLetterQueue;
  private final Alarm oldestMessageAlarm;

  /** Creates both queues, their TLS-only policies and the alarms. */
  public MonitoredQueue(Construct scope, String id, MonitoredQueueProps props) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, "DeadLetters", props.deadLetterQueue());
    this.queue =
        DeadLetterQueue.encrypted(Queue.Builder.create(this, "Queue"), props.encryptionKey())
            .fifo(props.fifo() ? true : null)
            .visibilityTimeout(props.visibilityTimeout())
            .retentionPeriod(props.retentionPeriod())
            .deadLetterQueue(
                software.amazon.awscdk.services.sqs.DeadLetterQueue.builder()
                    .queue(deadLetterQueue.queue())
                    .maxReceiveCount(props.maxReceiveCount())
                    .build())
            .enforceSsl(true)
            .build();
    this.oldestMessageAlarm = oldestMessageAlarm(props);
  }

  /** The queue. */
  public IQueue queue() {
    return queue;
  }

  /** Where messages go after {@code maxReceiveCount} receives. */
  public DeadLetterQueue deadLetterQueue() {
    return deadLetterQueue;
  }

  /** In alarm while the oldest message is older than the threshold. */
  public Alarm oldestMessageAlarm() {
    return oldestMessageAlarm;
  }

  private Alarm oldestMessageAlarm(MonitoredQueueProps props) {
    Alarm alarm =
        Alarm.Builder.create(this, "OldestMessageAlarm")
            .alarmDescription("The queue's oldest message waits too long: its consumer lags")
            .metric(
                queue.metricApproximateAgeOfOldestMessage(
                    MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(1))
                        .build()))
            .threshold(props.oldestMessageAgeThreshold().toSeconds())
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    return DeadLetterQueue.withAction(alarm, props.alarmAction());
  }
}
