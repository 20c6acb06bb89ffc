package dev.idem.infra.constructs;

import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SQS queue consumed by an {@link IdempotentFunction}: a {@link MonitoredQueue} (queue,
 * dead-letter queue and redrive, encryption, TLS-only policies, backlog and dead-letter alarms)
 * whose visibility timeout is derived from the function's timeout, and the event source mapping on
 * the function's alias with {@code ReportBatchItemFailures}, so one failed message is retried
 * alone.
 *
 * {@snippet :
 * QueueConsumer payments =
 *     new QueueConsumer(
 *         this, "Payments", QueueConsumerProps.builder(capturePayment).maxConcurrency(5).build());
 * rule.addTarget(new SqsQueue(payments.queue()));
 * }
 */
public final class QueueConsumer extends Construct {

  private final MonitoredQueue monitoredQueue;

  /** Creates the queues, the alarms and the event source mapping. */
  public QueueConsumer(Construct scope, String id, QueueConsumerProps props) {
    super(scope, id);
    this.monitoredQueue = new MonitoredQueue(this, "Queue", props.resolvedQueue());
    props
        .function()
        .alias()
        .addEventSource(
            new SqsEventSource(
                monitoredQueue.queue(),
                SqsEventSourceProps.builder()
                    .batchSize(props.batchSize())
                    .maxBatchingWindow(
                        Seconds.of(props.maxBatchingWindow()) > 0
                            ? props.maxBatchingWindow()
                            : null)
                    .maxConcurrency(props.maxConcurrency())
                    .reportBatchItemFailures(true)
                    .build()));
  }

  /** The consumed queue (send to it, or target it from a rule). */
  public IQueue queue() {
    return monitoredQueue.queue();
  }

  /** The queue with its dead-letter queue and alarms. */
  public MonitoredQueue monitoredQueue() {
    return monitoredQueue;
  }
}
