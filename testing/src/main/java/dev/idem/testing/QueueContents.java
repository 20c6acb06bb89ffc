package dev.idem.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.BinaryMessageAttribute;
import org.elasticmq.MessageAttribute;
import org.elasticmq.MessageData;
import org.elasticmq.MessageId;
import org.elasticmq.NumberMessageAttribute;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.msg.LookupMessage;
import org.elasticmq.msg.LookupQueue;
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
   * One message as ElasticMQ holds it at the peek.
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

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Set<String>> queues = new ConcurrentHashMap<>();
  private volatile ActorRef queueManager;

  QueueContents() {}

  /** The queue manager actor the peeks ask; set once the server is built. */
  void queueManager(ActorRef manager) {
    this.queueManager = manager;
  }

  /** The props of the listener actor that feeds this, for {@code withQueueEventListener}. */
  Props listener() {
    return Props.create(Listener.class, () -> new Listener(this));
  }

  /**
   * Up to {@code max} messages of the queue named {@code queueName}, oldest first, whether visible,
   * in flight or delayed; empty for an unknown or empty queue. Nothing about them changes.
   *
   * @throws IllegalStateException when ElasticMQ does not answer within 5 s
   */
  public List<Message> peek(String queueName, int max) {
    Set<String> ids = queues.get(queueName);
    if (ids == null || queueManager == null) {
      return List.of();
    }
    List<String> candidates;
    synchronized (ids) {
      candidates = List.copyOf(ids);
    }
    Option<?> queue = (Option<?>) ask(queueManager, new LookupQueue(queueName));
    if (queue.isEmpty()) {
      return List.of();
    }
    ActorRef queueActor = (ActorRef) queue.get();
    List<Message> first = new ArrayList<>(Math.min(max, candidates.size()));
    for (String id : candidates) {
      if (first.size() == max) {
        break;
      }
      Option<?> data = (Option<?>) ask(queueActor, new LookupMessage(new MessageId(id)));
      if (data.isDefined()) {
        first.add(copy((MessageData) data.get()));
      } else {
        remove(queueName, id);
      }
    }
    return first;
  }

  private static Object ask(ActorRef actor, Object message) {
    try {
      return Patterns.ask(actor, message, ASK_TIMEOUT)
          .toCompletableFuture()
          .get(ASK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading ElasticMQ's queues", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("ElasticMQ did not answer a peek", e);
    }
  }

  private void add(String queueName, String messageId) {
    Set<String> ids = queues.computeIfAbsent(queueName, name -> new LinkedHashSet<>());
    synchronized (ids) {
      ids.add(messageId);
    }
  }

  private void remove(String queueName, String messageId) {
    Set<String> ids = queues.get(queueName);
    if (ids != null) {
      synchronized (ids) {
        ids.remove(messageId);
      }
    }
  }

  private static Message copy(MessageData message) {
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    CollectionConverters.asJava(message.messageAttributes())
        .forEach((name, value) -> attributes.put(name, attribute(value)));
    return new Message(
        message.id().id(),
        message.content().value(),
        attributes,
        message.created().toInstant(),
        message.statistics().approximateReceiveCount(),
        message.statistics().approximateFirstReceive() instanceof OnDateTimeReceived received
            ? received.when().toInstant()
            : null,
        Instant.ofEpochMilli(message.nextDelivery().millis()),
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
                contents.add(event.queueName(), event.message().id());
                acknowledge();
              })
          .match(QueueEvent.MessageUpdated.class, event -> acknowledge())
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
