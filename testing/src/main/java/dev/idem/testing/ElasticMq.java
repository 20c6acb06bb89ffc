package dev.idem.testing;

import java.net.URI;
import java.time.Duration;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, an SQS-compatible queue server, running in this JVM on a free loopback port.
 *
 * <p>Clients of {@link #client(ExecutionInterceptor...)} speak the real SQS protocol over HTTP, so
 * tests exercise the SDK's marshalling, visibility timeouts, receive counts and redrive policies (a
 * message moves to the dead-letter queue on the receive after {@code maxReceiveCount}). Queue ARNs
 * are in the {@link LocalAccount} ({@code arn:aws:sqs:us-east-1:000000000000:<queue>}); queue URLs
 * name this server, or the endpoint in front of it ({@link #startBehind(int)}).
 *
 * {@snippet :
 * try (ElasticMq mq = ElasticMq.start(); SqsClient sqs = mq.client()) {
 *   String url = sqs.createQueue(r -> r.queueName("payments")).queueUrl();
 *   // send, receive, run code under test
 * }
 * }
 */
public final class ElasticMq implements AutoCloseable {

  private final SQSRestServer server;
  private final int port;
  private final ActorSystem system;
  private final QueueContents contents;

  private ElasticMq(SQSRestServer server, int port, ActorSystem system, QueueContents contents) {
    this.server = server;
    this.port = port;
    this.system = system;
    this.contents = contents;
  }

  /**
   * Starts a server on a free port and waits until it accepts requests (1 to 3 s).
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static ElasticMq start() {
    int port = LoopbackServers.freePort();
    return start(port, port, false);
  }

  /**
   * Starts a server on a free port whose queue URLs name {@code frontPort} on loopback instead: the
   * port of an endpoint that forwards SQS calls to {@link #endpoint()} (the local cloud's edge).
   * Its {@link #contents()} can be read without receiving.
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static ElasticMq startBehind(int frontPort) {
    return start(LoopbackServers.freePort(), frontPort, true);
  }

  private static ElasticMq start(int port, int urlPort, boolean mirrored) {
    // One actor system for the server and the listener, so that stopping one stops both.
    ActorSystem system = ActorSystem.create("elasticmq-" + port);
    try {
      QueueContents contents = mirrored ? new QueueContents() : null;
      var builder =
          SQSRestServerBuilder.withActorSystem(system)
              .withPort(port)
              .withInterface("127.0.0.1")
              .withServerAddress(new NodeAddress("http", "127.0.0.1", urlPort, ""))
              .withAWSRegion(LocalAccount.REGION)
              .withAWSAccountId(LocalAccount.ID);
      if (contents != null) {
        // The queue manager made here rather than by the builder: peeks ask it for the queues.
        ActorRef listener = system.actorOf(contents.listener(), "contents");
        ActorRef manager =
            system.actorOf(
                Props.create(
                    QueueManagerActor.class,
                    () ->
                        new QueueManagerActor(
                            new NowProvider(),
                            SQSRestServerBuilder.sqsLimits(),
                            Option.apply(listener))),
                "queues");
        contents.queueManager(manager);
        builder = builder.withQueueManagerActor(manager);
      }
      SQSRestServer server = builder.start();
      server.waitUntilStarted();
      return new ElasticMq(server, port, system, contents);
    } catch (RuntimeException e) {
      system.terminate();
      throw new IllegalStateException("ElasticMQ did not start on port " + port, e);
    }
  }

  /**
   * What the queues hold, read without receiving.
   *
   * @throws IllegalStateException for a server not started with {@link #startBehind(int)}
   */
  public QueueContents contents() {
    if (contents == null) {
      throw new IllegalStateException("Only a server started behind an endpoint keeps contents");
    }
    return contents;
  }

  /** The endpoint to point an SDK client at, for example {@code http://127.0.0.1:9324}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * A client for this server with dummy credentials, the URL-connection HTTP client, explicit
   * timeouts and the given interceptors (for example a {@link CallCounter}). Its socket timeout
   * leaves room for long polls of up to 20 s. The caller closes it.
   */
  public SqsClient client(ExecutionInterceptor... interceptors) {
    return LoopbackServers.client(
            SqsClient.builder(), endpoint(), Duration.ofSeconds(25), interceptors)
        .build();
  }

  /** Stops the server and waits until it has stopped. */
  @Override
  public void close() {
    server.stopAndWait();
    system.terminate();
  }
}
