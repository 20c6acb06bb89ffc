package dev.idem.local.stubs;

import dev.idem.local.faults.FaultHooks;
import dev.idem.local.http.PortInUseException;
import dev.idem.testing.StubProvider;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP stubs a project declares ({@link ProjectConfig}), started for the local cloud. A stub
 * tied to a template parameter starts only when the template declares that parameter and no value
 * is given for it (a given value means the real provider); its URL becomes the parameter's value.
 */
public final class HttpStubs implements AutoCloseable {

  private final Map<String, StubProvider> running;
  private final Map<String, String> parameterOf;

  private HttpStubs(Map<String, StubProvider> running, Map<String, String> parameterOf) {
    this.running = running;
    this.parameterOf = parameterOf;
  }

  /**
   * Starts the stubs the template calls for.
   *
   * @param declared the template's parameter names
   * @param given the parameter values given at start
   * @throws PortInUseException when a stub's port is taken
   */
  public static HttpStubs start(
      Collection<StubSpec> stubs,
      Collection<String> declared,
      Map<String, String> given,
      String bindAddress) {
    Map<String, StubProvider> running = new LinkedHashMap<>();
    Map<String, String> parameterOf = new LinkedHashMap<>();
    try {
      for (StubSpec stub : stubs) {
        String parameter = stub.parameter();
        if (parameter != null && (!declared.contains(parameter) || given.containsKey(parameter))) {
          continue;
        }
        running.put(stub.name(), provider(stub, bindAddress));
        if (parameter != null) {
          parameterOf.put(stub.name(), parameter);
        }
      }
      return new HttpStubs(running, parameterOf);
    } catch (RuntimeException e) {
      running.values().forEach(StubProvider::close);
      throw e;
    }
  }

  /** The given parameters plus the stubs' URLs. */
  public Map<String, String> parameters(Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>(given);
    parameterOf.forEach(
        (stub, parameter) -> all.put(parameter, running.get(stub).url().toString()));
    return all;
  }

  /** The URL of the stub of that name, if it runs. */
  public Optional<URI> url(String name) {
    return Optional.ofNullable(running.get(name)).map(StubProvider::url);
  }

  /** Every running stub's URL, by name, in the configuration's order. */
  public Map<String, URI> urls() {
    Map<String, URI> urls = new LinkedHashMap<>();
    running.forEach((name, stub) -> urls.put(name, stub.url()));
    return urls;
  }

  /** Lets the fault injector lose the stubs' answers; rules name a stub by its name. */
  public void faults(FaultHooks hooks) {
    running.forEach((name, stub) -> stub.faults(hooks.stub(name)));
  }

  /** Tells {@code listener} of every request a stub answers, with the stub's name, from now on. */
  public void listen(java.util.function.BiConsumer<String, StubProvider.Exchange> listener) {
    running.forEach((name, stub) -> stub.listen(exchange -> listener.accept(name, exchange)));
  }

  @Override
  public void close() {
    running.values().forEach(StubProvider::close);
  }

  private static StubProvider provider(StubSpec stub, String bindAddress) {
    try {
      return StubProvider.start(stub.idPrefix(), bindAddress, stub.port());
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new PortInUseException("stub " + stub.name(), stub.port(), e);
      }
      throw e;
    }
  }
}
