package dev.idem.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server, in this JVM on a free loopback port, answering the SQS JSON
 * and query protocols. The queue URLs it hands out name the edge ({@code
 * http://127.0.0.1:<edgePort>/000000000000/<queue>}) and its ARNs read {@code
 * arn:aws:sqs:us-east-1:000000000000:<queue>}, as the template's resolver predicts.
 *
 * {@snippet :
 * try (SqsBackend sqs = SqsBackend.start(4566)) {
 *   router.forward(AwsService.SQS, sqs.endpoint());
 * }
 * }
 */
public final class SqsBackend implements AutoCloseable {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";

  private final SQSRestServer server;
  private final int port;

  private SqsBackend(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts ElasticMQ on a free port and waits until it accepts requests (1 to 3 s).
   *
   * @param edgePort the port queue URLs name (the edge's)
   * @throws IllegalStateException if it cannot start
   */
  public static SqsBackend start(int edgePort) {
    return start(freePort(), edgePort);
  }

  /**
   * Starts ElasticMQ on a free port, its queue URLs naming that port (no edge in front).
   *
   * @throws IllegalStateException if it cannot start
   */
  public static SqsBackend start() {
    int port = freePort();
    return start(port, port);
  }

  private static SqsBackend start(int port, int edgePort) {
    try {
      SQSRestServer server =
          SQSRestServerBuilder.withPort(port)
              .withInterface("127.0.0.1")
              .withServerAddress(new NodeAddress("http", "127.0.0.1", edgePort, ""))
              .withAWSRegion(REGION)
              .withAWSAccountId(ACCOUNT)
              .start();
      server.waitUntilStarted();
      return new SqsBackend(server, port);
    } catch (RuntimeException e) {
      throw new IllegalStateException("ElasticMQ did not start on port " + port, e);
    }
  }

  /** Where ElasticMQ itself listens, for the edge to forward to. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops ElasticMQ and waits until it has stopped. */
  @Override
  public void close() {
    server.stopAndWait();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
