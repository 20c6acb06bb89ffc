package dev.idem.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an external HTTP provider (a payment gateway, a message sender) on a free loopback
 * port. It records every request — path, {@code Idempotency-Key} and body — so a test can prove
 * that nothing was charged or sent twice, and it can be scripted to fail or to answer late. By
 * default it answers 201 with {@code {"id":"<prefix>_<n>"}}. Thread-safe.
 *
 * {@snippet :
 * try (StubProvider payments = StubProvider.start("pay")) {
 *   payments.failNext(1, 503);          // the next request gets a 503
 *   payments.delayNext(1, Duration.ofSeconds(5)); // then one answers after 5 s
 *   // ... run the code under test against payments.url()
 *   assertThat(payments.requests()).hasSize(1);
 * }
 * }
 */
public final class StubProvider implements AutoCloseable {

  /**
   * One request the provider received.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param idempotencyKey the {@code Idempotency-Key} header, or null
   * @param body the request body
   */
  public record Request(String method, String path, String idempotencyKey, String body) {}

  /** A scripted answer. */
  public record Answer(int status, String body, Duration delay) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String idPrefix;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer standing;

  private StubProvider(HttpServer server, String idPrefix) {
    this.server = server;
    this.idPrefix = idPrefix;
  }

  /** Starts a provider whose ids look like {@code <idPrefix>_1}, on a free port. */
  public static StubProvider start(String idPrefix) {
    return start(idPrefix, 0);
  }

  /**
   * Starts a provider whose ids look like {@code <idPrefix>_1} on {@code 127.0.0.1:port}; port 0
   * picks a free one.
   *
   * @throws UncheckedIOException when it cannot listen there; its cause is a {@link
   *     java.net.BindException} when the port is taken
   */
  public static StubProvider start(String idPrefix, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      StubProvider provider = new StubProvider(server, idPrefix);
      server.createContext("/", provider::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException("The stub provider could not start", e);
    }
  }

  /** The base URL, for example {@code http://127.0.0.1:40123}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code count} requests get {@code status} with a JSON error body. */
  public synchronized void failNext(int count, int status) {
    for (int i = 0; i < count; i++) {
      script.add(new Answer(status, "{\"error\":\"scripted\"}", Duration.ZERO));
    }
  }

  /** The next {@code count} requests are answered normally, but only after {@code delay}. */
  public synchronized void delayNext(int count, Duration delay) {
    for (int i = 0; i < count; i++) {
      script.add(new Answer(0, null, delay));
    }
  }

  /** The next {@code count} requests get this exact answer. */
  public synchronized void answerNext(int count, int status, String body) {
    for (int i = 0; i < count; i++) {
      script.add(new Answer(status, body, Duration.ZERO));
    }
  }

  /** Every request after the scripted ones gets this answer; null restores the default. */
  public void answerAlways(Answer answer) {
    this.standing = answer;
  }

  /** Every request received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received for one idempotency key. */
  public List<Request> requestsWithKey(String idempotencyKey) {
    return requests.stream().filter(r -> idempotencyKey.equals(r.idempotencyKey())).toList();
  }

  /** Forgets the recorded requests and the script. */
  public synchronized void reset() {
    requests.clear();
    script.clear();
    standing = null;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod())) {
      list(exchange);
      return;
    }
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              body));
      Answer answer = nextAnswer();
      if (!answer.delay().isZero()) {
        awaitQuietly(answer.delay());
      }
      int status = answer.status() == 0 ? 201 : answer.status();
      String text =
          answer.body() != null
              ? answer.body()
              : "{\"id\":\"" + idPrefix + "_" + ids.incrementAndGet() + "\"}";
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** {@code GET /charges} lists what was POSTed to {@code /charges}, as a JSON array. */
  private void list(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      List<Request> posted = requests.stream().filter(r -> r.path().equals(path)).toList();
      byte[] bytes = JSON.writeValueAsBytes(posted);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private synchronized Answer nextAnswer() {
    Answer scripted = script.poll();
    if (scripted != null) {
      return scripted;
    }
    Answer always = standing;
    return always != null ? always : new Answer(0, null, Duration.ZERO);
  }

  /** Holds the answer back as a slow provider would, or until the stub closes. */
  private void awaitQuietly(Duration delay) {
    try {
      closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
