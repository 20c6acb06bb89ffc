package dev.idem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for Amazon EventBridge's {@code PutEvents} on a free loopback port, speaking its JSON
 * 1.1 protocol ({@code X-Amz-Target: AWSEvents.PutEvents}), so code under test runs with the real
 * SDK {@code EventBridgeClient}. It records the entries it accepts and can be scripted to refuse
 * chosen entries, as EventBridge refuses entries one by one ({@code FailedEntryCount}). It does no
 * routing: rules and targets are the local cloud's business. Thread-safe.
 *
 * {@snippet :
 * try (EventBridgeStub bus = EventBridgeStub.start()) {
 *   EventBridgeClient client =
 *       EventBridgeClient.builder().endpointOverride(bus.endpoint()) // region, credentials ...
 *           .build();
 *   bus.failNextEntries(1, "ThrottlingException"); // the next entry is refused, retryably
 *   // ... run the code under test
 *   assertThat(bus.accepted()).extracting(EventBridgeStub.Entry::detailType)
 *       .containsExactly("OrderPlaced");
 * }
 * }
 */
public final class EventBridgeStub implements AutoCloseable {

  /** The {@code X-Amz-Target} of PutEvents. */
  public static final String PUT_EVENTS_TARGET = "AWSEvents.PutEvents";

  /**
   * One entry as it was sent.
   *
   * @param eventId the id the stub gave it when it was accepted; null in a refused entry
   * @param eventBusName the bus's name or ARN; null for the default bus
   * @param source the {@code Source}
   * @param detailType the {@code DetailType}
   * @param detail the {@code Detail} JSON text
   * @param time the {@code Time}, or null when not sent
   * @param resources the {@code Resources}
   */
  public record Entry(
      String eventId,
      String eventBusName,
      String source,
      String detailType,
      String detail,
      Instant time,
      List<String> resources) {

    Entry withEventId(String id) {
      return new Entry(id, eventBusName, source, detailType, detail, time, resources);
    }
  }

  private record Refusal(Predicate<Entry> which, String errorCode) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Entry> accepted = new CopyOnWriteArrayList<>();
  private final List<Entry> refused = new CopyOnWriteArrayList<>();
  private final Deque<String> nextFailures = new ArrayDeque<>();
  private final List<Refusal> standingRefusals = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  private EventBridgeStub(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a stub on a free loopback port.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static EventBridgeStub start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      EventBridgeStub stub = new EventBridgeStub(server);
      server.createContext("/", stub::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("The EventBridge stub could not start", e);
    }
  }

  /** The endpoint to give the SDK client, for example {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Refuses the next {@code count} entries, across calls, with {@code errorCode} (for example the
   * retryable {@code ThrottlingException} or the final {@code MalformedDetail}).
   */
  public synchronized void failNextEntries(int count, String errorCode) {
    for (int i = 0; i < count; i++) {
      nextFailures.add(errorCode);
    }
  }

  /**
   * Refuses, until {@link #reset()}, every entry that matches {@code which} with {@code errorCode}:
   * a permanent failure, whatever the caller's retries. The entry passed has no event id.
   */
  public void failEntriesWhere(Predicate<Entry> which, String errorCode) {
    standingRefusals.add(new Refusal(which, errorCode));
  }

  /** The entries accepted so far, in the order they arrived, each with its event id. */
  public List<Entry> accepted() {
    return List.copyOf(accepted);
  }

  /** The entries refused so far, in the order they arrived. */
  public List<Entry> refused() {
    return List.copyOf(refused);
  }

  /** How many PutEvents calls arrived. */
  public int calls() {
    return calls.get();
  }

  /** Forgets the recorded entries, the calls and every scripted failure. */
  public synchronized void reset() {
    accepted.clear();
    refused.clear();
    nextFailures.clear();
    standingRefusals.clear();
    calls.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!PUT_EVENTS_TARGET.equals(target)) {
        respond(exchange, 400, error("UnknownOperationException", "Unsupported: " + target));
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        respond(exchange, 400, error("SerializationException", "The body is not JSON"));
        return;
      }
      JsonNode entries = request == null ? null : request.get("Entries");
      if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
        respond(exchange, 400, error("ValidationException", "Entries must hold 1 to 10 entries"));
        return;
      }
      calls.incrementAndGet();
      respond(exchange, 200, putEvents(entries));
    }
  }

  private ObjectNode putEvents(JsonNode entries) {
    ObjectNode response = JSON.createObjectNode();
    ArrayNode results = response.putArray("Entries");
    int failed = 0;
    for (JsonNode node : entries) {
      Entry entry = entry(node);
      String errorCode = errorFor(entry);
      ObjectNode result = results.addObject();
      if (errorCode == null) {
        String id = UUID.randomUUID().toString();
        accepted.add(entry.withEventId(id));
        result.put("EventId", id);
      } else {
        failed++;
        refused.add(entry);
        result.put("ErrorCode", errorCode);
        result.put("ErrorMessage", "Refused by the stub: " + errorCode);
      }
    }
    response.put("FailedEntryCount", failed);
    return response;
  }

  /** The error code for an entry: malformed first, as EventBridge checks, then the script. */
  private synchronized String errorFor(Entry entry) {
    if (entry.source() == null || entry.detailType() == null) {
      return "InvalidArgument";
    }
    if (!isJsonObject(entry.detail())) {
      return "MalformedDetail";
    }
    String scripted = nextFailures.poll();
    if (scripted != null) {
      return scripted;
    }
    for (Refusal refusal : standingRefusals) {
      if (refusal.which().test(entry)) {
        return refusal.errorCode();
      }
    }
    return null;
  }

  private static Entry entry(JsonNode node) {
    List<String> resources = new ArrayList<>();
    node.path("Resources").forEach(r -> resources.add(r.asText()));
    return new Entry(
        null,
        text(node, "EventBusName"),
        text(node, "Source"),
        text(node, "DetailType"),
        text(node, "Detail"),
        time(node.get("Time")),
        List.copyOf(resources));
  }

  /** The SDK sends {@code Time} as epoch seconds with a fraction. */
  private static Instant time(JsonNode time) {
    if (time == null || time.isNull()) {
      return null;
    }
    BigDecimal seconds = time.isNumber() ? time.decimalValue() : new BigDecimal(time.asText());
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  private static boolean isJsonObject(String detail) {
    try {
      return detail != null && JSON.readTree(detail).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("__type", type);
    error.put("message", message);
    return error;
  }

  private static void respond(HttpExchange exchange, int status, ObjectNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
