package dev.idem.local.sources.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.idem.testing.LocalAccount;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Records in shard order, the event's shape, starting positions and resumption after a partial
 * failure.
 */
@ExtendWith({DynamoDbLocalExtension.class, QueueServerExtension.class})
class StreamOrderIT {

  private static final String FUNCTION = "stream-order";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "StreamBatchHandler", 1, "{\"Records\":[]}");

  private static DynamoDbStreamsClient streams;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private DynamoDbClient dynamo;
  private QueueServer server;
  private RecordingInvoker invoker;

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
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  @Test
  void start_writesAcrossSeveralBatches_deliversEveryRecordOnceInShardOrder() throws Exception {
    StreamTable table = table("StreamOrder");
    List<String> keys = IntStream.range(0, 10).mapToObj(i -> "item-" + i).toList();
    start(config(table, StartingPosition.TRIM_HORIZON, 4, false, null));

    table.put(keys.toArray(String[]::new));

    List<Call> calls = invoker.await("10 records", WAIT, c -> keysOf(c).size() >= 10);
    assertThat(keysOf(calls)).containsExactlyElementsOf(keys);
    assertThat(calls).allSatisfy(c -> assertThat(c.records()).hasSizeBetween(1, 4));
    List<BigInteger> sequence =
        calls.stream().flatMap(c -> c.sequenceNumbers().stream()).map(BigInteger::new).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
    JsonNode record = calls.get(0).records().get(0);
    assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
    assertThat(record.path("eventVersion").asText()).isEqualTo("1.1");
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:dynamodb");
    // In the stack's region, not DynamoDB Local's (StreamEventsTest names the sources).
    assertThat(record.path("eventSourceARN").asText())
        .isEqualTo(StreamEvents.inRegion(table.streamArn(), LocalAccount.REGION));
    assertThat(record.path("eventID").asText()).isNotBlank();
    assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
    JsonNode dynamodb = record.path("dynamodb");
    assertThat(dynamodb.path("Keys").path("pk").path("S").asText()).isEqualTo("item-0");
    assertThat(dynamodb.path("NewImage").path("n").path("N").asText()).isEqualTo("1");
    assertThat(dynamodb.has("OldImage")).isFalse();
    assertThat(dynamodb.path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(dynamodb.path("ApproximateCreationDateTime").isIntegralNumber()).isTrue();
    assertThat(dynamodb.path("SizeBytes").asInt()).isPositive();
  }

  @Test
  void start_latest_skipsRecordsWrittenBeforeStart() throws Exception {
    StreamTable table = table("StreamLatest");
    table.put("before");
    start(config(table, StartingPosition.LATEST, 10, false, null));

    table.put("after");

    List<Call> calls =
        invoker.await("the record after start", WAIT, c -> keysOf(c).contains("after"));
    assertThat(keysOf(calls)).containsExactly("after");
  }

  @Test
  void reportBatchItemFailures_reportedRecord_resumesFromItsSequenceNumber() throws Exception {
    StreamTable table = table("StreamResume");
    String failures = server.create("stream-resume-failures", java.util.Map.of());
    resources.add(() -> server.delete(failures));
    table.put("ok-1", "report-2", "ok-3");
    start(config(table, StartingPosition.TRIM_HORIZON, 10, true, server.arn(failures)));

    List<Message> reports = server.awaitMessages(failures, WAIT);

    List<Call> calls = invoker.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).keys()).containsExactly("ok-1", "report-2", "ok-3");
    assertThat(calls.get(1).keys()).containsExactly("report-2", "ok-3");
    assertThat(calls.get(1).sequenceNumbers().get(0))
        .isEqualTo(calls.get(0).sequenceNumbers().get(1));
    JsonNode report =
        Json.parse(reports.get(0).body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .orElseThrow();
    assertThat(report.path("requestContext").path("condition").asText())
        .isEqualTo("RetryAttemptsExhausted");
    assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
    JsonNode info = report.path("DDBStreamBatchInfo");
    assertThat(info.path("startSequenceNumber").asText())
        .isEqualTo(calls.get(0).sequenceNumbers().get(1));
    assertThat(info.path("endSequenceNumber").asText())
        .isEqualTo(calls.get(0).sequenceNumbers().get(2));
    assertThat(info.path("batchSize").asInt()).isEqualTo(2);
  }

  @Test
  void filterCriteria_recordsMatchingNoPattern_skippedWithoutInvocation() throws Exception {
    StreamTable table = table("StreamFilter");
    StreamSourceConfig all = config(table, StartingPosition.TRIM_HORIZON, 10, false, null);
    StreamSourceConfig filtered =
        new StreamSourceConfig(
            all.functionName(),
            all.streamArn(),
            all.startingPosition(),
            all.batchSize(),
            all.maxBatchingWindow(),
            all.maximumRetryAttempts(),
            all.maximumRecordAgeInSeconds(),
            all.bisectBatchOnFunctionError(),
            all.reportBatchItemFailures(),
            all.onFailureDestinationArn(),
            List.of("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"keep\"}]}}}}"));
    table.put("drop-1", "keep-2", "drop-3", "keep-4");
    start(filtered);
    table.put("keep-5", "drop-6");

    List<Call> calls = invoker.await("the kept records", WAIT, c -> keysOf(c).contains("keep-5"));
    assertThat(keysOf(calls)).containsExactly("keep-2", "keep-4", "keep-5");
  }

  private StreamTable table(String name) {
    StreamTable table = StreamTable.create(dynamo, name);
    resources.add(table);
    return table;
  }

  private void start(StreamSourceConfig config) {
    resources.add(
        DynamoDbStreamSource.start(config, streams, server.client(), SourceContext.of(invoker)));
  }

  private static StreamSourceConfig config(
      StreamTable table,
      StartingPosition position,
      int batchSize,
      boolean reportBatchItemFailures,
      String onFailure) {
    return new StreamSourceConfig(
        FUNCTION,
        table.streamArn(),
        position,
        batchSize,
        Duration.ZERO,
        1,
        StreamSourceConfig.UNLIMITED,
        false,
        reportBatchItemFailures,
        onFailure);
  }

  private static List<String> keysOf(List<Call> calls) {
    return calls.stream().filter(Call::ok).flatMap(c -> c.keys().stream()).toList();
  }
}
