package dev.idem.local.sources.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.lambda.InvocationResult.Status;
import dev.idem.local.sources.Json;
import dev.idem.local.sources.QueueServer;
import dev.idem.local.sources.QueueServerExtension;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.StreamTable;
import dev.idem.local.sources.WarmFunction;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig.StartingPosition;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Failing stream batches: retries then the OnFailure destination, bisection isolating a poison
 * record, and records past their maximum age (on a clock the test moves).
 */
@ExtendWith({DynamoDbLocalExtension.class, QueueServerExtension.class})
class StreamFailuresIT {

  private static final String FUNCTION = "stream-failures";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "StreamBatchHandler", 1, "{\"Records\":[]}");

  private static DynamoDbStreamsClient streams;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private DynamoDbClient dynamo;
  private QueueServer server;
  private RecordingInvoker invoker;
  private String failures;

  @BeforeAll
  static void openStreams(DynamoDbLocal db) {
    streams = StreamTable.streamsClient(db);
  }

  @AfterAll
  static void closeStreams() {
    streams.close();
  }

  @BeforeEach
  void setUp(DynamoDbClient dynamo, QueueServer server) {
    this.dynamo = dynamo;
    this.server = server;
    this.invoker = new RecordingInvoker(WARM.runtime());
    this.failures = server.create("stream-failures", Map.of());
    resources.add(() -> server.delete(failures));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  @Test
  void functionError_retriesExhausted_reportsTheBatchToOnFailureAndMovesOn() throws Exception {
    StreamTable table = table("StreamRetries");
    table.put("poison-1");
    start(config(table, 2, StreamSourceConfig.UNLIMITED, false), Clock.systemUTC());

    JsonNode report = awaitReport();
    table.put("ok-after");

    List<Call> calls = invoker.await("the next record", WAIT, c -> okKeys(c).contains("ok-after"));
    List<Call> poisoned = calls.stream().filter(c -> c.keys().contains("poison-1")).toList();
    assertThat(poisoned).hasSize(3);
    assertThat(poisoned).allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.FUNCTION_ERROR));
    String sequenceNumber = poisoned.get(0).sequenceNumbers().get(0);
    JsonNode request = report.path("requestContext");
    assertThat(request.path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(request.path("approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(request.path("functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION);
    assertThat(request.path("requestId").asText()).isNotBlank();
    assertThat(report.path("responseContext").path("functionError").asText())
        .isEqualTo("Unhandled");
    assertThat(report.path("version").asText()).isEqualTo("1.0");
    assertThat(Instant.parse(report.path("timestamp").asText())).isNotNull();
    JsonNode info = report.path("DDBStreamBatchInfo");
    assertThat(info.path("shardId").asText()).isNotBlank();
    assertThat(info.path("startSequenceNumber").asText()).isEqualTo(sequenceNumber);
    assertThat(info.path("endSequenceNumber").asText()).isEqualTo(sequenceNumber);
    assertThat(info.path("batchSize").asInt()).isEqualTo(1);
    assertThat(info.path("streamArn").asText()).isEqualTo(table.streamArn());
  }

  @Test
  void bisectBatchOnFunctionError_poisonAmongOthers_isolatesItAndProcessesTheRest()
      throws Exception {
    StreamTable table = table("StreamBisect");
    table.put("a-1", "poison-2", "b-3", "c-4");
    start(config(table, 0, StreamSourceConfig.UNLIMITED, true), Clock.systemUTC());

    JsonNode report = awaitReport();

    List<Call> calls =
        invoker.await(
            "the others processed", WAIT, c -> okKeys(c).containsAll(List.of("a-1", "b-3", "c-4")));
    assertThat(okKeys(calls)).containsExactly("a-1", "b-3", "c-4");
    assertThat(calls.get(0).keys()).containsExactly("a-1", "poison-2", "b-3", "c-4");
    assertThat(calls)
        .extracting(Call::keys)
        .contains(List.of("a-1", "poison-2"), List.of("poison-2"));
    JsonNode info = report.path("DDBStreamBatchInfo");
    assertThat(info.path("batchSize").asInt()).isEqualTo(1);
    assertThat(info.path("startSequenceNumber").asText())
        .isEqualTo(calls.get(0).sequenceNumbers().get(1));
  }

  @Test
  void maximumRecordAge_recordExpiresWhileRetried_goesToOnFailureWithoutAnotherInvocation()
      throws Exception {
    StreamTable table = table("StreamAgeRetry");
    TestClock clock = TestClock.atCurrentSecond();
    table.put("poison-old");
    start(config(table, StreamSourceConfig.UNLIMITED, 60, false), clock);
    invoker.await("two failed attempts", WAIT, c -> c.size() >= 2);

    clock.advance(Duration.ofMinutes(5));

    JsonNode report = awaitReport();
    assertThat(report.path("requestContext").path("condition").asText())
        .isEqualTo("RecordAgeExceeded");
    int attempts = invoker.calls().size();
    assertThat(report.path("requestContext").path("approximateInvokeCount").asInt())
        .isEqualTo(attempts);
    assertThat(report.path("DDBStreamBatchInfo").path("startSequenceNumber").asText())
        .isEqualTo(invoker.calls().get(0).sequenceNumbers().get(0));
  }

  @Test
  void maximumRecordAge_recordAlreadyTooOld_neverReachesTheFunction() throws Exception {
    StreamTable table = table("StreamAgeOld");
    TestClock clock = new TestClock(Instant.now().plus(Duration.ofHours(1)));
    table.put("stale");
    start(config(table, 3, 60, false), clock);

    JsonNode report = awaitReport();

    assertThat(report.path("requestContext").path("condition").asText())
        .isEqualTo("RecordAgeExceeded");
    assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isZero();
    assertThat(report.has("responseContext")).isFalse();
    assertThat(report.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
    assertThat(invoker.calls()).isEmpty();
  }

  private JsonNode awaitReport() {
    String body = server.awaitMessages(failures, WAIT).get(0).body();
    return Json.parse(body.getBytes(UTF_8)).orElseThrow();
  }

  private StreamTable table(String name) {
    StreamTable table = StreamTable.create(dynamo, name);
    resources.add(table);
    return table;
  }

  private void start(StreamSourceConfig config, Clock clock) {
    SourceContext context = new SourceContext(invoker, clock, invocation -> {});
    resources.add(DynamoDbStreamSource.start(config, streams, server.client(), context));
  }

  private StreamSourceConfig config(
      StreamTable table, int maximumRetryAttempts, int maximumRecordAge, boolean bisect) {
    return new StreamSourceConfig(
        FUNCTION,
        table.streamArn(),
        StartingPosition.TRIM_HORIZON,
        10,
        Duration.ZERO,
        maximumRetryAttempts,
        maximumRecordAge,
        bisect,
        false,
        server.arn(failures));
  }

  private static List<String> okKeys(List<Call> calls) {
    return calls.stream().filter(Call::ok).flatMap(c -> c.keys().stream()).toList();
  }
}
