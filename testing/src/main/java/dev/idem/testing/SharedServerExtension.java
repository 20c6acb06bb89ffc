package dev.idem.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a server parameter (one server for the whole run, started on first use and stopped when
 * the run ends) and a client parameter (one per test class, closed after it).
 *
 * @param <S> the server
 * @param <C> the client
 */
abstract class SharedServerExtension<S extends AutoCloseable, C extends AutoCloseable>
    implements ParameterResolver {

  private final ExtensionContext.Namespace namespace =
      ExtensionContext.Namespace.create(getClass());
  private final Class<S> serverType;
  private final Class<C> clientType;

  SharedServerExtension(Class<S> serverType, Class<C> clientType) {
    this.serverType = serverType;
    this.clientType = clientType;
  }

  /** Starts the run's server. */
  abstract S start();

  /** A plain client of {@code server}. */
  abstract C client(S server);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == serverType || type == clientType;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    S server = server(context);
    if (parameter.getParameter().getType() == serverType) {
      return server;
    }
    return context
        .getStore(namespace)
        .getOrComputeIfAbsent("client", k -> new Closing<>(client(server)), Closing.class)
        .value();
  }

  private S server(ExtensionContext context) {
    return serverType.cast(
        context
            .getRoot()
            .getStore(namespace)
            .getOrComputeIfAbsent("server", k -> new Closing<>(start()), Closing.class)
            .value());
  }

  /** What the store closes when its scope ends. */
  private record Closing<T extends AutoCloseable>(T value) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      value.close();
    }
  }
}
