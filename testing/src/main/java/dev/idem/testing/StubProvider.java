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
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an external HTTP provider (a payment gateway, a message sender) on a free loopback
 * port. It records every request — path, {@code Idempotency-Key} and body — so a test can prove
 * that nothing was charged or sent twice, and it can be scripted to fail or to answer late. By
 * default it answers 201 with {@code {"id":"<prefix>_<n>"}}.
 *
 * <p>Like real payment and messaging providers, it honours {@code Idempotency-Key}: the first
 * answer below 500 to a key is kept, and a later request with that key gets the same answer again
 * without being applied twice. Its ledger ({@link #applied()}, and {@code GET <path>}) holds one
 * entry per key applied; {@link #requests()} holds every request. A fault hook ({@link
 * #faults(Faults)}) can lose the answer to a request after it was applied. Thread-safe.
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

  /**
   * One request the provider applied: the first with its key (or without one).
   *
   * @param id the id it answered with, e.g. {@code pay_3}, or null when the answer named none
   * @param method the HTTP method
   * @param path the request path
   * @param idempotencyKey the key, or null
   * @param body the request body
   * @param status the answer's status
   * @param attempts how many requests carried its key (1 when none was repeated)
   */
  public record Applied(
      String id,
      String method,
      String path,
      String idempotencyKey,
      String body,
      int status,
      int attempts) {}

  /**
   * How the answer to an applied request is lost.
   *
   * @param resets true to close the connection without an answer
   * @param late otherwise, how long the answer is held back (past the client's timeout)
   */
  public record LostAnswer(boolean resets, Duration late) {

    /** The connection is closed without an answer. */
    public static LostAnswer reset() {
      return new LostAnswer(true, Duration.ZERO);
    }

    /** The answer comes only after {@code delay}. */
    public static LostAnswer late(Duration delay) {
      return new LostAnswer(false, delay);
    }
  }

  /** Where a fault injector reaches into the stub, after a request was applied. */
  @FunctionalInterface
  public interface Faults {
    /** No faults. */
    Faults NONE = (method, path, key) -> null;

    /** How to lose the answer to this applied request, or null to answer it. */
    LostAnswer afterApplied(String method, String path, String idempotencyKey);
  }

  /**
   * One request and how it was answered, as a listener hears it.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param idempotencyKey the {@code Idempotency-Key} header, or null
   * @param body the request body
   * @param status the answer's status; 0 when the connection was closed without one
   * @param answer the answer's body ("" when none)
   * @param duration from the request's arrival to its answer
   * @param applied whether it was applied now (false: a repeat of its key got the kept answer)
   * @param lost how a fault lost its answer ({@code reset}, {@code late}), or null
   */
  public record Exchange(
      String method,
      String path,
      String idempotencyKey,
      String body,
      int status,
      String answer,
      Duration duration,
      boolean applied,
      String lost) {}

  private record Kept(int status, String body, int index) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String idPrefix;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Applied> ledger = new ArrayList<>();
  private final Map<String, Kept> byKey = new HashMap<>();
  private volatile Faults faults = Faults.NONE;
  private volatile java.util.function.Consumer<Exchange> listener = exchange -> {};
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
    return start(idPrefix, "127.0.0.1", port);
  }

  /**
   * Starts a provider whose ids look like {@code <idPrefix>_1} on {@code bindAddress:port}; port 0
   * picks a free one.
   *
   * @throws UncheckedIOException when it cannot listen there; its cause is a {@link
   *     java.net.BindException} when the port is taken
   */
  public static StubProvider start(String idPrefix, String bindAddress, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
      StubProvider provider = new StubProvider(server, idPrefix);
      server.createContext("/", provider::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException("The stub provider could not start", e);
    }
  }

  /** The base URL, for example {@code http://127.0.0.1:40123} (loopback when bound to all). */
  public URI url() {
    String host =
        server.getAddress().getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : server.getAddress().getHostString();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + server.getAddress().getPort());
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

  /**
   * Every request after the scripted ones gets this answer; null restores the default. Its delay
   * holds back repeats of a key too (a slow provider is slow for every request).
   */
  public void answerAlways(Answer answer) {
    this.standing = answer;
  }

  /**
   * Tells {@code newListener} of every request (not the ledger's GETs) and its answer from now on.
   */
  public void listen(java.util.function.Consumer<Exchange> newListener) {
    this.listener = java.util.Objects.requireNonNull(newListener, "listener");
  }

  /** Loses the answers to applied requests as {@code newFaults} decides, from now on. */
  public void faults(Faults newFaults) {
    this.faults = newFaults == null ? Faults.NONE : newFaults;
  }

  /** The ledger: one entry per request applied (repeats of a key are not applied again). */
  public synchronized List<Applied> applied() {
    return List.copyOf(ledger);
  }

  /** Every request received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received for one idempotency key. */
  public List<Request> requestsWithKey(String idempotencyKey) {
    return requests.stream().filter(r -> idempotencyKey.equals(r.idempotencyKey())).toList();
  }

  /** Forgets the recorded requests, the ledger, the keys seen and the script. */
  public synchronized void reset() {
    requests.clear();
    ledger.clear();
    byKey.clear();
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
    long begin = System.nanoTime();
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      requests.add(new Request(method, path, key, body));
      Outcome outcome = apply(method, path, key, body);
      LostAnswer lost = outcome.fresh() ? faults.afterApplied(method, path, key) : null;
      if (lost != null && lost.resets()) {
        tell(method, path, key, body, 0, "", begin, outcome.fresh(), "reset");
        return; // closing the exchange before any header closes the connection
      }
      Duration delay = lost != null ? lost.late() : outcome.delay();
      if (!delay.isZero()) {
        awaitQuietly(delay);
      }
      byte[] bytes = outcome.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(outcome.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
      tell(
          method,
          path,
          key,
          body,
          outcome.status(),
          outcome.body(),
          begin,
          outcome.fresh(),
          lost != null ? "late" : null);
    }
  }

  private void tell(
      String method,
      String path,
      String key,
      String body,
      int status,
      String answer,
      long begin,
      boolean applied,
      String lost) {
    try {
      listener.accept(
          new Exchange(
              method,
              path,
              key,
              body,
              status,
              answer,
              Duration.ofNanos(System.nanoTime() - begin),
              applied,
              lost));
    } catch (RuntimeException e) {
      // a listener that fails must not fail the request it hears of
    }
  }

  /** What to answer, and whether this request was applied now (not a repeat of its key). */
  private record Outcome(int status, String body, Duration delay, boolean fresh) {}

  private synchronized Outcome apply(String method, String path, String key, String body) {
    Kept kept = key == null ? null : byKey.get(key);
    if (kept != null) {
      Applied first = ledger.get(kept.index());
      ledger.set(
          kept.index(),
          new Applied(
              first.id(),
              first.method(),
              first.path(),
              first.idempotencyKey(),
              first.body(),
              first.status(),
              first.attempts() + 1));
      Answer always = standing;
      Duration slow = always == null ? Duration.ZERO : always.delay();
      return new Outcome(kept.status(), kept.body(), slow, false);
    }
    Answer answer = nextAnswer();
    int status = answer.status() == 0 ? 201 : answer.status();
    String id = answer.body() == null ? idPrefix + "_" + ids.incrementAndGet() : null;
    String text = answer.body() != null ? answer.body() : "{\"id\":\"" + id + "\"}";
    if (status < 500) {
      ledger.add(new Applied(id != null ? id : idOf(text), method, path, key, body, status, 1));
      if (key != null) {
        byKey.put(key, new Kept(status, text, ledger.size() - 1));
      }
    }
    return new Outcome(status, text, answer.delay(), status < 500);
  }

  private static String idOf(String answer) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(answer);
      String id = node.path("paymentId").asText(node.path("id").asText(""));
      return id.isEmpty() ? null : id;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * {@code GET /charges} lists the ledger's entries for {@code /charges}: what was applied there,
   * once per idempotency key, as a JSON array; {@code ?idempotencyKey=K} only those under K (a
   * provider's lookup of a charge by its key).
   */
  private void list(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String key = queryParameter(exchange.getRequestURI().getRawQuery(), "idempotencyKey");
      List<Applied> posted =
          applied().stream()
              .filter(r -> r.path().equals(path))
              .filter(r -> key == null || key.equals(r.idempotencyKey()))
              .toList();
      byte[] bytes = JSON.writeValueAsBytes(posted);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
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
