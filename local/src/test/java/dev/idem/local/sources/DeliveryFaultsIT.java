package dev.idem.local.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import dev.idem.local.faults.FaultHooks;
import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.Faults;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.dynamodb.DynamoDbStreamSource;
import dev.idem.local.sources.sqs.SqsEventSource;
import dev.idem.local.sources.sqs.SqsSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig.StartingPosition;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Delivery faults of the event source mappings: a batch delivered twice at once, and a visibility
 * timeout that lapses while the batch is being processed, so the queue hands it out again.
 */
@ExtendWith({DynamoDbLocalExtension.class, QueueServerExtension.class})
class DeliveryFaultsIT {

  private static final String FUNCTION = "delivery-faults";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final WarmFunction SQS_WARM =
      new WarmFunction(FUNCTION, "SqsBatchHandler", 2, "{\"Records\":[]}");

  @RegisterExtension
  static final WarmFunction STREAM_WARM =
      new WarmFunction(FUNCTION + "-stream", "StreamBatchHandler", 2, "{\"Records\":[]}");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Faults faults = Faults.none();
  private QueueServer server;
  private RecordingInvoker invoker;
  private SourceContext context;

  @BeforeEach
  void setUp(QueueServer server) {
    this.server = server;
    this.invoker = new RecordingInvoker(SQS_WARM.runtime());
    this.context =
        new SourceContext(
            invoker,
            Clock.systemUTC(),
            call -> {},
            new FaultHooks(faults, key -> Optional.empty()));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  @Test
  void sqsDuplicate_sameBatchInvokedTwice_thenDeletedOnce() throws Exception {
    faults.replace(FaultPlan.parse("[{\"kind\":\"sqs-duplicate\",\"limit\":1}]").rules());
    String queue = queue("dup", Map.of());
    server.send(queue, "ok-dup");

    startSqs(queue);

    List<Call> calls = invoker.await("two deliveries", WAIT, c -> deliveries(c, "ok-dup") >= 2);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).records().get(0).path("messageId").asText())
        .isEqualTo(calls.get(1).records().get(0).path("messageId").asText());
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
    assertThat(faults.log().byKind()).containsEntry("sqs-duplicate", 1L);
  }

  @Test
  void sqsVisibilityLapse_messageHandedOutAgainWhileTheFirstRuns() throws Exception {
    faults.replace(FaultPlan.parse("[{\"kind\":\"sqs-visibility-lapse\",\"limit\":1}]").rules());
    String queue = queue("lapse", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"));
    server.send(queue, "ok-lapse");

    startSqs(queue);

    List<Call> calls = invoker.await("two deliveries", WAIT, c -> deliveries(c, "ok-lapse") >= 2);
    assertThat(receiveCount(calls, "ok-lapse")).isEqualTo(2);
    assertThat(deliveries(calls, "ok-lapse")).isEqualTo(2);
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
  }

  @Test
  void streamDuplicate_sameRecordsInvokedTwice_checkpointMovesOnce(
      DynamoDbLocal db, DynamoDbClient dynamo) throws Exception {
    faults.replace(FaultPlan.parse("[{\"kind\":\"stream-duplicate\",\"limit\":1}]").rules());
    RecordingInvoker streamInvoker = new RecordingInvoker(STREAM_WARM.runtime());
    StreamTable table = StreamTable.create(dynamo, "DeliveryFaults");
    resources.add(table);
    DynamoDbStreamsClient streams = StreamTable.streamsClient(db);
    resources.add(streams);
    resources.add(
        DynamoDbStreamSource.start(
            new StreamSourceConfig(
                FUNCTION + "-stream",
                table.streamArn(),
                StartingPosition.TRIM_HORIZON,
                10,
                Duration.ZERO,
                1,
                StreamSourceConfig.UNLIMITED,
                false,
                false,
                null),
            streams,
            null,
            new SourceContext(
                streamInvoker,
                Clock.systemUTC(),
                call -> {},
                new FaultHooks(faults, key -> Optional.empty()))));

    table.put("a");
    List<Call> first = streamInvoker.await("a twice", WAIT, c -> keys(c).size() >= 2);
    table.put("b");

    List<Call> calls = streamInvoker.await("b delivered", WAIT, c -> keys(c).contains("b"));
    assertThat(keys(first)).containsExactly("a", "a");
    assertThat(keys(calls).stream().filter("a"::equals).count()).isEqualTo(2);
    assertThat(keys(calls).stream().filter("b"::equals).count()).isEqualTo(1);
  }

  private String queue(String name, Map<QueueAttributeName, String> attributes) {
    String url = server.create("delivery-faults-" + name, attributes);
    resources.add(() -> server.delete(url));
    return url;
  }

  private void startSqs(String queue) {
    SqsSourceConfig config =
        new SqsSourceConfig(FUNCTION, queue, server.arn(queue), 10, Duration.ZERO, true, 2);
    resources.add(SqsEventSource.start(config, server.client(), context));
  }

  private static long deliveries(List<Call> calls, String body) {
    return calls.stream().flatMap(c -> c.bodies().stream()).filter(body::equals).count();
  }

  private static int receiveCount(List<Call> calls, String body) {
    return calls.stream()
        .flatMap(c -> c.records().stream())
        .filter(r -> r.path("body").asText().equals(body))
        .mapToInt(r -> r.path("attributes").path("ApproximateReceiveCount").asInt())
        .max()
        .orElse(0);
  }

  private static List<String> keys(List<Call> calls) {
    return calls.stream().flatMap(c -> c.keys().stream()).toList();
  }
}
