package dev.idem.local.sources;

import dev.idem.testing.ElasticMq;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The testing module's {@link ElasticMq} with one client and the queue chores these tests share.
 * Shared by every test class of a run through {@link QueueServerExtension}.
 */
public final class QueueServer implements AutoCloseable {

  private final ElasticMq server;
  private final SqsClient client;

  private QueueServer(ElasticMq server) {
    this.server = server;
    this.client = server.client();
  }

  public static QueueServer start() {
    return new QueueServer(ElasticMq.start());
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** A client of this server; closed with it. */
  public SqsClient client() {
    return client;
  }

  /** Creates a queue and returns its URL. */
  public String create(String name, Map<QueueAttributeName, String> attributes) {
    return client.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  public String arn(String queueUrl) {
    return attribute(queueUrl, QueueAttributeName.QUEUE_ARN);
  }

  /** Visible plus in-flight messages. */
  public int depth(String queueUrl) {
    return count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
        + count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
  }

  public int inFlight(String queueUrl) {
    return count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
  }

  public void send(String queueUrl, String... bodies) {
    for (String body : bodies) {
      client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }
  }

  /** Long-polls the queue until a message arrives or the timeout passes; deletes what it got. */
  public List<Message> awaitMessages(String queueUrl, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> messages =
          client
              .receiveMessage(r ->
                  r.queueUrl(queueUrl)
                      .maxNumberOfMessages(10)
                      .waitTimeSeconds(1)
                      .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (!messages.isEmpty()) {
        messages.forEach(
            m -> client.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
      }
    }
    throw new AssertionError("No message arrived in " + queueUrl + " within " + timeout);
  }

  public void delete(String... queueUrls) {
    for (String url : queueUrls) {
      client.deleteQueue(r -> r.queueUrl(url));
    }
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  private int count(String queueUrl, QueueAttributeName name) {
    return Integer.parseInt(attribute(queueUrl, name));
  }

  private String attribute(String queueUrl, QueueAttributeName name) {
    return client
        .getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(name))
        .attributes()
        .get(name);
  }
}
