package dev.idem.functions.testkit;

import dev.idem.testing.ElasticMq;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * JUnit 5 extension that shares one in-process {@link ElasticMq} across the test classes of a run,
 * started on first use and stopped when the run ends. Test methods, constructors and lifecycle
 * methods may declare an {@link ElasticMq} or an {@link SqsClient} parameter (one client per class,
 * closed after it). Tests own their queues: {@link QueueDriver} makes unique names and deletes
 * them.
 */
public final class QueueDriverExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(QueueDriverExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ElasticMq.class || type == SqsClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ElasticMq server = server(context);
    if (parameter.getParameter().getType() == ElasticMq.class) {
      return server;
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "client", k -> new ClosingClient(server.client()), ClosingClient.class)
        .client();
  }

  private static ElasticMq server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "server", k -> new RunningServer(ElasticMq.start()), RunningServer.class)
        .server();
  }

  private record RunningServer(ElasticMq server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  private record ClosingClient(SqsClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
