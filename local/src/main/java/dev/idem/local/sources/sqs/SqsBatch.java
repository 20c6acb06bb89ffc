package dev.idem.local.sources.sqs;

import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Messages gathered for one invocation.
 *
 * @param messages in the order received
 * @param firstReceivedNanos {@link System#nanoTime()} when the first of them was received: their
 *     visibility timeout runs from about then
 */
record SqsBatch(List<Message> messages, long firstReceivedNanos) {

  SqsBatch {
    messages = List.copyOf(messages);
  }

  List<String> messageIds() {
    return messages.stream().map(Message::messageId).toList();
  }
}
