package dev.idem.local.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.QueueSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates an SQS queue from its spec: FIFO settings, timings, size and redrive policy. */
final class QueueProvisioner implements ResourceProvisioner<QueueSpec> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;

  QueueProvisioner(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** Creates the queue (SQS takes an existing one with the same attributes as it is). */
  @Override
  public void create(QueueSpec queue, PhysicalIds ids) {
    String url =
        sqs.createQueue(r -> r.queueName(queue.name()).attributes(attributes(queue))).queueUrl();
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    ids.putRef(queue.logicalId(), url);
    ids.putAtt(queue.logicalId(), "QueueUrl", url);
    ids.putAtt(queue.logicalId(), "Arn", arn);
  }

  static Map<QueueAttributeName, String> attributes(QueueSpec queue) {
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    if (queue.fifo()) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(
          QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
          Boolean.toString(queue.contentBasedDeduplication()));
    }
    putSeconds(attributes, QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeout());
    putSeconds(attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD, queue.messageRetention());
    putSeconds(attributes, QueueAttributeName.DELAY_SECONDS, queue.delay());
    putSeconds(
        attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, queue.receiveWaitTime());
    if (queue.maximumMessageSize() != null) {
      attributes.put(
          QueueAttributeName.MAXIMUM_MESSAGE_SIZE, queue.maximumMessageSize().toString());
    }
    if (queue.redrive() != null) {
      attributes.put(
          QueueAttributeName.REDRIVE_POLICY,
          JSON.createObjectNode()
              .put("deadLetterTargetArn", queue.redrive().deadLetterTargetArn())
              .put("maxReceiveCount", queue.redrive().maxReceiveCount())
              .toString());
    }
    return attributes;
  }

  private static void putSeconds(
      Map<QueueAttributeName, String> attributes, QueueAttributeName name, Duration value) {
    if (value != null) {
      attributes.put(name, Long.toString(value.toSeconds()));
    }
  }
}
