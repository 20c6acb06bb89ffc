package dev.idem.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon DynamoDB Local running in this JVM, in memory, on a free loopback port.
 *
 * <p>Every call through a client of {@link #client(ExecutionInterceptor...)} is a real HTTP round
 * trip, so it exercises the same SDK marshalling, conditions and error shapes as DynamoDB itself.
 *
 * {@snippet :
 * try (DynamoDbLocal db = DynamoDbLocal.start()) {
 *   DynamoDbClient client = db.client();
 *   // create tables, run code under test
 * }
 * }
 */
public final class DynamoDbLocal implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a server on a free port.
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static DynamoDbLocal start() {
    return start(false);
  }

  /**
   * Starts a server on a free port; with {@code sharedDb} every access key and region sees the same
   * tables (DynamoDB Local's {@code -sharedDb}), as a local cloud serving any dummy credentials
   * needs. Without it, tables are separate per access key and region.
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static DynamoDbLocal start(boolean sharedDb) {
    int port = LoopbackServers.freePort();
    List<String> args =
        new ArrayList<>(List.of("-inMemory", "-disableTelemetry", "-port", Integer.toString(port)));
    if (sharedDb) {
      args.add("-sharedDb");
    }
    try {
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      bindLoopback(server);
      server.start();
      return new DynamoDbLocal(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
  }

  /**
   * DynamoDB Local's command line has no bind address: its Jetty server listens on every interface,
   * where anyone on the network could read and write its tables. Its connectors are set to
   * 127.0.0.1 before it starts (the Jetty server is a private field of DynamoDBProxyServer, and
   * Jetty's ServerConnector has {@code setHost}).
   */
  private static void bindLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(proxy);
    Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
    if (connectors.length == 0) {
      throw new IllegalStateException("DynamoDB Local's Jetty server has no connector to bind");
    }
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
  }

  /** The endpoint to point an SDK client at, for example {@code http://127.0.0.1:8000}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * A client for this server with dummy credentials, explicit timeouts and the given interceptors
   * (for example a {@link CallCounter}). The caller closes it.
   */
  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return LoopbackServers.client(
            DynamoDbClient.builder(), endpoint(), Duration.ofSeconds(10), interceptors)
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
