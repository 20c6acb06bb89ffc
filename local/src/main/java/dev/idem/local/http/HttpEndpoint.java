package dev.idem.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on loopback that hands every request, fully read, to an {@link HttpService} on its
 * own virtual thread (so long polls such as the Runtime API's {@code /next} cost no platform
 * thread).
 *
 * {@snippet :
 * try (HttpEndpoint edge = HttpEndpoint.start("edge", 4566, request -> Response.empty(204))) {
 *   // ...
 * }
 * }
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(HttpEndpoint.class.getName());

  /** The only address endpoints listen on unless told otherwise: nothing beyond this machine. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The server behind an endpoint. */
  interface Listener {
    /** The port it listens on. */
    int port();

    /** Stops listening and ends the connections it serves. */
    void stop();
  }

  private final String name;
  private final Listener listener;
  private final String host;

  private HttpEndpoint(String name, Listener listener, String host) {
    this.name = name;
    this.listener = listener;
    this.host = host;
  }

  /**
   * Starts an endpoint on {@code 127.0.0.1:port}; port 0 picks a free one.
   *
   * @throws PortInUseException when the port is taken
   */
  public static HttpEndpoint start(String name, int port, HttpService service) {
    return start(name, LOOPBACK, port, service);
  }

  /**
   * Starts an endpoint on {@code bindAddress:port}; port 0 picks a free one.
   *
   * @param bindAddress the address to listen on ({@link #LOOPBACK} keeps it on this machine)
   * @throws PortInUseException when the port is taken
   */
  public static HttpEndpoint start(String name, String bindAddress, int port, HttpService service) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bindAddress, port), 512);
    } catch (BindException e) {
      throw new PortInUseException(name, port, e);
    } catch (IOException e) {
      throw new IllegalStateException("Endpoint " + name + " could not start on port " + port, e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(name, service, exchange));
    server.start();
    HttpServer started = server;
    Listener listener =
        new Listener() {
          @Override
          public int port() {
            return started.getAddress().getPort();
          }

          @Override
          public void stop() {
            started.stop(0);
            executor.shutdownNow();
          }
        };
    return new HttpEndpoint(name, listener, bindAddress);
  }

  /**
   * Starts an endpoint that keeps header names as the client and the service wrote them (the JDK's
   * server rewrites them to {@code Xxx-yyy}), for API Gateway's proxy: see {@link
   * CaseKeepingServer} for what it serves.
   *
   * @param bindAddress the address to listen on ({@link #LOOPBACK} keeps it on this machine)
   * @throws PortInUseException when the port is taken
   */
  public static HttpEndpoint startKeepingHeaderCase(
      String name, String bindAddress, int port, HttpService service) {
    try {
      return new HttpEndpoint(
          name,
          CaseKeepingServer.start(name, new InetSocketAddress(bindAddress, port), service),
          bindAddress);
    } catch (BindException e) {
      throw new PortInUseException(name, port, e);
    } catch (IOException e) {
      throw new IllegalStateException("Endpoint " + name + " could not start on port " + port, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return listener.port();
  }

  /**
   * Its base URL, {@code http://127.0.0.1:<port>}: the bind address, or loopback when it listens on
   * every interface.
   */
  public URI url() {
    return URI.create("http://" + urlHost(host) + ":" + port());
  }

  static String urlHost(String bindAddress) {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]")) {
      return LOOPBACK;
    }
    return bindAddress.contains(":") && !bindAddress.startsWith("[")
        ? "[" + bindAddress + "]"
        : bindAddress;
  }

  /** The endpoint's name, as given at start. */
  public String name() {
    return name;
  }

  @Override
  public void close() {
    listener.stop();
  }

  private static void serve(String name, HttpService service, HttpExchange exchange) {
    try (exchange) {
      Request request = read(exchange);
      Response response = answer(name, service, request);
      if (response.dropsConnection()) {
        return; // closing the exchange before any header closes the connection
      }
      write(exchange, response);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Endpoint {0}: client went away", name, e);
    }
  }

  /** The service's response; an exception becomes a 500 naming it. */
  static Response answer(String name, HttpService service, Request request) {
    try {
      return service.handle(request);
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Endpoint {0} failed on {1} {2}",
          name,
          request.method(),
          request.path(),
          e);
      return Response.json(500, errorJson(e));
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    return new Request(
        exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
        uri.getPath(),
        uri.getRawQuery(),
        exchange.getRequestHeaders(),
        exchange.getRequestBody().readAllBytes(),
        uri.getRawPath());
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().put(header.getKey(), header.getValue());
    }
    byte[] body = response.body();
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String errorJson(Exception e) {
    String message = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"__type\":\"InternalFailure\",\"message\":\""
        + e.getClass().getSimpleName()
        + ": "
        + message.replace("\n", " ")
        + "\"}";
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
