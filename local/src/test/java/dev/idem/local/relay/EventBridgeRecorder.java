package dev.idem.local.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import dev.idem.events.EventType;
import dev.idem.events.OrderEventData;
import dev.idem.local.eventbridge.EventBridgeService;
import dev.idem.local.eventbridge.EventTargetSender;
import dev.idem.local.faults.FaultHooks;
import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.Faults;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The local cloud's EventBridge service (validation, buses, fault injection) behind its own
 * endpoint, with a real SDK {@link EventBridgeClient} pointed at it, and every PutEvents entry
 * recorded with the service's answer: accepted (with its event id) or refused (with its error
 * code). The accepted entries read back as domain events, checked against the JSON schemas in
 * {@code events/schemas/}. Refusals are the local cloud's own faults ({@code putevents-failed}
 * rules, as in a fault file), so the relay is tested against the one EventBridge emulation the
 * project has. Close it when the test class is done.
 */
public final class EventBridgeRecorder implements AutoCloseable {

  /** The bus the reference system publishes to; the recorder creates it. */
  public static final String BUS = "idem-orders";

  private static final String PUT_EVENTS = "AWSEvents.PutEvents";
  private static final ObjectMapper JSON = new ObjectMapper();

  // Draft 2020-12 treats "format" as an annotation; assert it, so occurredAt must be a date-time.
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  /**
   * One PutEvents entry as the caller sent it, with the service's answer.
   *
   * @param eventId the id the service gave it, or null when refused
   * @param eventBusName the {@code EventBusName}, or null when not sent
   * @param source the {@code Source}
   * @param detailType the {@code DetailType}
   * @param detail the {@code Detail} JSON text
   * @param time the {@code Time}, or null when not sent
   * @param errorCode the service's {@code ErrorCode}, or null when accepted
   */
  public record Entry(
      String eventId,
      String eventBusName,
      String source,
      String detailType,
      String detail,
      Instant time,
      String errorCode) {}

  private final EventBridgeService service;
  private final Faults faults;
  private final HttpEndpoint endpoint;
  private final EventBridgeClient client;
  private final List<Entry> accepted = new CopyOnWriteArrayList<>();
  private final List<Entry> refused = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

  private EventBridgeRecorder() {
    // No rules here, so no target is ever sent to: the relay's contract ends at PutEvents.
    EventTargetSender noTargets =
        message -> {
          throw new IllegalStateException("No targets in the recorder: " + message.targetArn());
        };
    this.service = new EventBridgeService(noTargets, Clock.systemUTC());
    this.faults = Faults.start(FaultPlan.none(), line -> {});
    service.faults(new FaultHooks(faults, accessKeyId -> Optional.empty()));
    this.endpoint = HttpEndpoint.start("events", 0, this::record);
    this.client =
        EventBridgeClient.builder()
            .endpointOverride(endpoint.url())
            .region(LocalAccount.SDK_REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
            .build();
    client.createEventBus(r -> r.name(BUS));
  }

  /** Starts the service, its endpoint and a client for it, with the {@link #BUS} bus. */
  public static EventBridgeRecorder start() {
    return new EventBridgeRecorder();
  }

  /** A real SDK client of the service. */
  public EventBridgeClient client() {
    return client;
  }

  /**
   * Replaces the fault rules, written as in a fault file's {@code rules} (e.g. {@code
   * [{"kind":"putevents-failed","detailType":"PaymentCaptured"}]}); a refused entry gets the
   * service's {@code InternalFailure}.
   */
  public void faults(String rulesJson) {
    faults.replace(FaultPlan.parse(rulesJson).rules());
  }

  /** The entries the service accepted, in the order they arrived. */
  public List<Entry> accepted() {
    return List.copyOf(accepted);
  }

  /** The entries the service refused, in the order they arrived. */
  public List<Entry> refused() {
    return List.copyOf(refused);
  }

  /** The PutEvents calls the service answered. */
  public int calls() {
    return calls.get();
  }

  /** The accepted entries as domain events, in the order they arrived. */
  public List<DomainEvent<OrderEventData>> events() {
    return accepted.stream().map(e -> EventJson.readDetail(e.detailType(), e.detail())).toList();
  }

  /** Every schema violation of the accepted entries' details, one line each; empty if none. */
  public synchronized List<String> schemaProblems() {
    List<String> problems = new ArrayList<>();
    for (Entry entry : accepted) {
      EventType type = EventType.ofDetailType(entry.detailType()).orElseThrow();
      Schema schema = schemas.computeIfAbsent(type, EventBridgeRecorder::load);
      for (Error error : schema.validate(entry.detail(), InputFormat.JSON)) {
        problems.add(entry.detailType() + ": " + error);
      }
    }
    return problems;
  }

  /** Forgets the recorded entries, the calls and the fault rules. */
  public void reset() {
    faults.replace(List.of());
    accepted.clear();
    refused.clear();
    calls.set(0);
  }

  @Override
  public void close() {
    client.close();
    endpoint.close();
    service.close();
  }

  /** Passes the call to the service and pairs each PutEvents entry with its answer. */
  private Response record(Request request) {
    Response response = service.handle(request);
    if (!request.header("X-Amz-Target").filter(PUT_EVENTS::equals).isPresent()
        || response.status() != 200) {
      return response;
    }
    try {
      JsonNode sent = JSON.readTree(request.body()).path("Entries");
      JsonNode answered = JSON.readTree(response.body()).path("Entries");
      calls.incrementAndGet();
      for (int i = 0; i < sent.size(); i++) {
        Entry entry = entry(sent.get(i), answered.get(i));
        (entry.errorCode() == null ? accepted : refused).add(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response;
  }

  private static Entry entry(JsonNode sent, JsonNode answer) {
    return new Entry(
        text(answer, "EventId"),
        text(sent, "EventBusName"),
        text(sent, "Source"),
        text(sent, "DetailType"),
        text(sent, "Detail"),
        time(sent.get("Time")),
        text(answer, "ErrorCode"));
  }

  /** The SDK sends {@code Time} as epoch seconds with a fraction. */
  private static Instant time(JsonNode time) {
    if (time == null || time.isNull()) {
      return null;
    }
    BigDecimal seconds = time.isNumber() ? time.decimalValue() : new BigDecimal(time.asText());
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Schema load(EventType type) {
    try (InputStream in =
        EventBridgeRecorder.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("No schema on the class path: " + type.schemaResource());
      }
      return SCHEMAS.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
