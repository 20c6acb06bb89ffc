package dev.idem.functions.testkit;

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
import dev.idem.testing.EventBridgeStub;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * An {@link EventBridgeStub} with a real SDK {@link EventBridgeClient} pointed at it, and the
 * accepted entries read back as domain events and checked against the JSON schemas in {@code
 * events/schemas/}. Close it when the test class is done.
 */
public final class EventBridgeRecorder implements AutoCloseable {

  // Draft 2020-12 treats "format" as an annotation; assert it, so occurredAt must be a date-time.
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private final EventBridgeStub stub;
  private final EventBridgeClient client;
  private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

  private EventBridgeRecorder(EventBridgeStub stub) {
    this.stub = stub;
    this.client =
        EventBridgeClient.builder()
            .endpointOverride(stub.endpoint())
            .region(LocalAccount.SDK_REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
            .build();
  }

  /** Starts a stub and a client for it. */
  public static EventBridgeRecorder start() {
    return new EventBridgeRecorder(EventBridgeStub.start());
  }

  /** The stub, to script failures and read raw entries. */
  public EventBridgeStub stub() {
    return stub;
  }

  /** A real SDK client of the stub. */
  public EventBridgeClient client() {
    return client;
  }

  /** The accepted entries as domain events, in the order they arrived. */
  public List<DomainEvent<OrderEventData>> events() {
    return stub.accepted().stream()
        .map(e -> EventJson.readDetail(e.detailType(), e.detail()))
        .toList();
  }

  /** Every schema violation of the accepted entries' details, one line each; empty if none. */
  public synchronized List<String> schemaProblems() {
    List<String> problems = new ArrayList<>();
    for (EventBridgeStub.Entry entry : stub.accepted()) {
      EventType type = EventType.ofDetailType(entry.detailType()).orElseThrow();
      Schema schema = schemas.computeIfAbsent(type, EventBridgeRecorder::load);
      for (Error error : schema.validate(entry.detail(), InputFormat.JSON)) {
        problems.add(entry.detailType() + ": " + error);
      }
    }
    return problems;
  }

  /** Forgets the recorded entries and scripted failures. */
  public void reset() {
    stub.reset();
  }

  @Override
  public void close() {
    client.close();
    stub.close();
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
