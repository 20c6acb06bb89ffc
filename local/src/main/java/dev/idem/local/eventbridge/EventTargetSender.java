package dev.idem.local.eventbridge;

import java.util.Map;

/**
 * Delivers what an EventBridge rule matched to one target. {@link SqsTargetSender} sends to SQS
 * queues; a local cloud may route other ARNs (Lambda functions) elsewhere.
 */
@FunctionalInterface
public interface EventTargetSender {

  /**
   * Sends one message to its target.
   *
   * @throws Exception when the target cannot take it (the event then goes to the target's
   *     dead-letter queue, if it has one)
   */
  void send(Message message) throws Exception;

  /**
   * One message for a target.
   *
   * @param targetArn the target's ARN
   * @param body the text sent: the event JSON, or what the target's Input/InputPath selects
   * @param messageGroupId the FIFO message group, or null
   * @param deduplicationId a FIFO deduplication id (the event's id), never null
   * @param attributes message attributes (a dead-letter delivery names the rule, target and error)
   */
  record Message(
      String targetArn,
      String body,
      String messageGroupId,
      String deduplicationId,
      Map<String, String> attributes) {

    public Message {
      attributes = Map.copyOf(attributes);
    }
  }
}
