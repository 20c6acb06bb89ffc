package dev.idem.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue that collects what could not be processed or delivered: encrypted, TLS only, kept 14
 * days, with an alarm as soon as one message is in it. Use it as a queue's redrive target, a Lambda
 * on-failure destination or an EventBridge target's dead-letter queue.
 *
 * {@snippet :
 * DeadLetterQueue failures =
 *     new DeadLetterQueue(this, "RelayFailures", DeadLetterQueueProps.builder().build());
 * }
 */
public final class DeadLetterQueue extends Construct {

  private final Queue queue;
  private final Alarm depthAlarm;

  /** Creates the queue, its TLS-only policy and its depth alarm. */
  public DeadLetterQueue(Construct scope, String id, DeadLetterQueueProps props) {
    super(scope, id);
    this.queue =
        encrypted(Queue.Builder.create(this, "Queue"), props.encryptionKey())
            .fifo(props.fifo() ? true : null)
            .retentionPeriod(props.retentionPeriod())
            .enforceSsl(true)
            .build();
    this.depthAlarm = depthAlarm(props.alarmAction());
    NagRules.deadLetterQueue(queue);
  }

  /** The queue. */
  public IQueue queue() {
    return queue;
  }

  /** In alarm while at least one message is visible in the queue. */
  public Alarm depthAlarm() {
    return depthAlarm;
  }

  static Queue.Builder encrypted(Queue.Builder builder, IKey key) {
    return key == null
        ? builder.encryption(QueueEncryption.SQS_MANAGED)
        : builder.encryption(QueueEncryption.KMS).encryptionMasterKey(key);
  }

  static Alarm withAction(Alarm alarm, IAlarmAction action) {
    if (action != null) {
      alarm.addAlarmAction(action);
    }
    return alarm;
  }

  private Alarm depthAlarm(IAlarmAction action) {
    Alarm alarm =
        Alarm.Builder.create(this, "DepthAlarm")
            .alarmDescription("Messages are waiting in a dead-letter queue: inspect, then redrive")
            .metric(
                queue.metricApproximateNumberOfMessagesVisible(
                    MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(1))
                        .build()))
            .threshold(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    return withAction(alarm, action);
  }
}
