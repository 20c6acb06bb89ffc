package dev.idem.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.Props;
import org.elasticmq.BinaryMessageAttribute;
import org.elasticmq.MessageAttribute;
import org.elasticmq.NumberMessageAttribute;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What an {@link ElasticMq} server's queues hold, read without receiving anything: SQS has no peek,
 * and a receive would count towards a redrive policy's {@code maxReceiveCount} and hide the message
 * from its consumer. ElasticMQ tells a queue event listener (the hook its persistence uses) of
 * every message added, updated (received, visibility changed) and removed; this keeps a copy of
 * each message's fields as of its last event, in the order the messages arrived.
 *
 * <p>Thread-safe: the listener writes from ElasticMQ's actor thread, readers read from any thread.
 */
public final class QueueContents {

  /** A message attribute; {@code binaryValue} is base64 and set only for a Binary type. */
  public record Attribute(String dataType, String stringValue, String binaryValue) {}

  /**
   * One message as ElasticMQ holds it.
   *
   * @param messageId its id
   * @param body its body
   * @param attributes its message attributes, by name
   * @param sent when it was sent (SQS's {@code SentTimestamp})
   * @param receiveCount how many times it was received ({@code ApproximateReceiveCount})
   * @param firstReceived when it was first received, or null if never
   * @param nextDelivery when it is visible again: in the future for a message in flight or delayed
   * @param messageGroupId a FIFO message's group, or null
   * @param sequenceNumber a FIFO message's sequence number, or null
   * @param deadLetterSourceQueue the queue it was moved to this dead-letter queue from, or null
   */
  public record Message(
      String messageId,
      String body,
      Map<String, Attribute> attributes,
      Instant sent,
      int receiveCount,
      Instant firstReceived,
      Instant nextDelivery,
      String messageGroupId,
      String sequenceNumber,
      String deadLetterSourceQueue) {

    public Message {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  private final Map<String, Map<String, Message>> queues = new ConcurrentHashMap<>();

  QueueContents() {}

  /** The props of the listener actor that feeds this, for {@code withQueueEventListener}. */
  Props listener() {
    return Props.create(Listener.class, () -> new Listener(this));
  }

  /**
   * Up to {@code max} messages of the queue named {@code queueName}, oldest first, whether visible,
   * in flight or delayed; empty for an unknown or empty queue. Nothing about them changes.
   */
  public List<Message> peek(String queueName, int max) {
    Map<String, Message> messages = queues.get(queueName);
    if (messages == null) {
      return List.of();
    }
    synchronized (messages) {
      List<Message> first = new ArrayList<>(Math.min(max, messages.size()));
      for (Message message : messages.values()) {
        if (first.size() == max) {
          break;
        }
        first.add(message);
      }
      return first;
    }
  }

  private void put(String queueName, InternalMessage message) {
    Message copy = copy(message);
    Map<String, Message> messages =
        queues.computeIfAbsent(queueName, name -> new LinkedHashMap<>());
    synchronized (messages) {
      messages.put(copy.messageId(), copy);
    }
  }

  private void remove(String queueName, String messageId) {
    Map<String, Message> messages = queues.get(queueName);
    if (messages != null) {
      synchronized (messages) {
        messages.remove(messageId);
      }
    }
  }

  private static Message copy(InternalMessage message) {
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    CollectionConverters.asJava(message.messageAttributes())
        .forEach((name, value) -> attributes.put(name, attribute(value)));
    return new Message(
        message.id(),
        message.content().value(),
        attributes,
        message.created().toInstant(),
        message.receiveCount(),
        message.firstReceive() instanceof OnDateTimeReceived received
            ? received.when().toInstant()
            : null,
        Instant.ofEpochMilli(message.nextDelivery()),
        orNull(message.messageGroupId()),
        orNull(message.sequenceNumber()),
        orNull(message.deadLetterSourceQueueName()));
  }

  private static Attribute attribute(MessageAttribute value) {
    return switch (value) {
      case StringMessageAttribute s -> new Attribute(s.getDataType(), s.stringValue(), null);
      case NumberMessageAttribute n -> new Attribute(n.getDataType(), n.stringValue(), null);
      case BinaryMessageAttribute b -> new Attribute(b.getDataType(), null, b.asBase64());
      default -> new Attribute(value.getDataType(), value.toString(), null);
    };
  }

  private static <T> T orNull(Option<T> option) {
    return option.isDefined() ? option.get() : null;
  }

  /**
   * ElasticMQ's queue event listener. Message events are asks that the queue waits on: each is
   * answered at once.
   */
  private static final class Listener extends AbstractActor {

    private final QueueContents contents;

    Listener(QueueContents contents) {
      this.contents = contents;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(
              QueueEvent.MessageAdded.class,
              event -> {
                contents.put(event.queueName(), event.message());
                acknowledge();
              })
          .match(
              QueueEvent.MessageUpdated.class,
              event -> {
                contents.put(event.queueName(), event.message());
                acknowledge();
              })
          .match(
              QueueEvent.MessageRemoved.class,
              event -> {
                contents.remove(event.queueName(), event.messageId());
                acknowledge();
              })
          .match(QueueEvent.QueueDeleted.class, event -> contents.queues.remove(event.queueName()))
          .matchAny(event -> {})
          .build();
    }

    private void acknowledge() {
      getSender().tell(OperationSuccessful$.MODULE$, getSelf());
    }
  }
}
