package dev.idem.local.eventbridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends EventBridge target messages to SQS queues named by their ARN ({@code
 * arn:aws:sqs:REGION:ACCOUNT:NAME}), through any {@link SqsClient}; queue URLs are looked up once.
 */
public final class SqsTargetSender implements EventTargetSender {

  private final SqsClient sqs;
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

  /** Sends through {@code sqs}; the caller keeps ownership of the client. */
  public SqsTargetSender(SqsClient sqs) {
    this.sqs = sqs;
  }

  /**
   * Sends the message to the queue of its target ARN.
   *
   * @throws IllegalArgumentException when the target is not an SQS queue ARN
   * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException when the queue
   *     does not exist
   */
  @Override
  public void send(Message message) {
    String url = queueUrls.computeIfAbsent(message.targetArn(), this::lookUp);
    SendMessageRequest.Builder request =
        SendMessageRequest.builder().queueUrl(url).messageBody(message.body());
    if (url.endsWith(".fifo")) {
      request
          .messageGroupId(message.messageGroupId() == null ? "default" : message.messageGroupId())
          .messageDeduplicationId(message.deduplicationId());
    }
    if (!message.attributes().isEmpty()) {
      Map<String, MessageAttributeValue> attributes = new java.util.LinkedHashMap<>();
      message
          .attributes()
          .forEach((name, value) ->
              attributes.put(
                  name,
                  MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
      request.messageAttributes(attributes);
    }
    sqs.sendMessage(request.build());
  }

  private String lookUp(String arn) {
    String[] parts = arn.split(":");
    if (parts.length != 6 || !parts[2].equals("sqs")) {
      throw new IllegalArgumentException(
          "Target " + arn + " is not an SQS queue: locally, rules deliver to SQS queues only");
    }
    return sqs.getQueueUrl(r -> r.queueName(parts[5])).queueUrl();
  }
}
