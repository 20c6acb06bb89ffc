package dev.idem.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension that shares one in-process {@link DynamoDbLocal} across all the test classes of
 * a run, started on first use and stopped when the run ends.
 *
 * <p>Test methods and constructors may declare a {@link DynamoDbLocal} parameter (to build clients
 * with interceptors) or a {@link DynamoDbClient} parameter (a plain client, closed after the
 * class). Tests own the tables they create: use a unique table name per test class.
 *
 * {@snippet :
 * @ExtendWith(DynamoDbLocalExtension.class)
 * class OrderStoreIT {
 *   @Test
 *   void put_then_get(DynamoDbClient dynamo) {
 *     // ...
 *   }
 * }
 * }
 */
public final class DynamoDbLocalExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DynamoDbLocal.class || type == DynamoDbClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DynamoDbLocal server = server(context);
    if (parameter.getParameter().getType() == DynamoDbLocal.class) {
      return server;
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "client", k -> new ClosingClient(server.client()), ClosingClient.class)
        .client();
  }

  private static DynamoDbLocal server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "server", k -> new RunningServer(DynamoDbLocal.start()), RunningServer.class)
        .server();
  }

  private record RunningServer(DynamoDbLocal server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  private record ClosingClient(DynamoDbClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
