package dev.idem.local.sources.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import dev.idem.local.lambda.InvocationResult.Status;
import dev.idem.local.sources.QueueServer;
import dev.idem.local.sources.QueueServerExtension;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.WarmFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What happens to a batch by the function's answer: partial failures, invalid and empty failure
 * lists, function errors and the redrive to a dead-letter queue. Queues have a 1 s visibility
 * timeout, so what is left comes back quickly.
 */
@ExtendWith(QueueServerExtension.class)
class SqsFailuresIT {

  private static final String FUNCTION = "sqs-failures";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<QueueAttributeName, String> ONE_SECOND =
      Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1");

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "SqsBatchHandler", 1, "{\"Records\":[]}");

  private final List<AutoCloseable> sources = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();
  private QueueServer server;
  private RecordingInvoker invoker;

  @BeforeEach
  void setUp(QueueServer server) {
    this.server = server;
    this.invoker = new RecordingInvoker(WARM.runtime());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable source : sources) {
      source.close();
    }
    server.delete(queues.toArray(String[]::new));
  }

  @Test
  void reportBatchItemFailures_oneFailed_onlyItComesBackWithAGrowingReceiveCount()
      throws Exception {
    String queue = queue("partial", ONE_SECOND);
    server.send(queue, "ok-1", "fail-1", "ok-2");

    start(queue, true);

    List<Call> calls =
        invoker.await("fail-1 delivered a second time", WAIT, c -> receiveCount(c, "fail-1") >= 2);
    assertThat(calls.get(0).bodies()).containsExactlyInAnyOrder("ok-1", "fail-1", "ok-2");
    assertThat(deliveries(calls, "ok-1")).isEqualTo(1);
    assertThat(deliveries(calls, "ok-2")).isEqualTo(1);
    assertThat(calls.get(1).bodies()).containsExactly("fail-1");
  }

  @Test
  void reportBatchItemFailures_fifoBatchOfOneGroup_onlyTheReportedMessageComesBack()
      throws Exception {
    // Lambda developer guide, "Implementing partial batch responses": Lambda deletes the messages
    // not reported and the reported ones become visible again, for FIFO queues too (where the
    // function is expected to report every message after the first failure of a group).
    String queue =
        queue(
            "partial.fifo",
            Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (String body : List.of("ok-f1", "fail-f1", "fail-f2")) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(body)
              .messageBody(body)
              .messageGroupId("g")
              .build());
    }
    server.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries));

    start(queue, true);

    List<Call> calls =
        invoker.await(
            "the failed ones delivered again", WAIT, c -> receiveCount(c, "fail-f2") >= 2);
    assertThat(calls.get(0).bodies()).containsExactly("ok-f1", "fail-f1", "fail-f2");
    assertThat(calls.get(1).bodies()).containsExactly("fail-f1", "fail-f2");
    assertThat(deliveries(calls, "ok-f1")).isEqualTo(1);
  }

  @Test
  void reportBatchItemFailures_unknownIdentifier_wholeBatchComesBack() throws Exception {
    String queue = queue("invalid-id", ONE_SECOND);
    server.send(queue, "invalid", "ok-3");

    start(queue, true);

    List<Call> calls =
        invoker.await("ok-3 delivered a second time", WAIT, c -> receiveCount(c, "ok-3") >= 2);
    assertThat(calls.get(0).status()).isEqualTo(Status.OK);
    assertThat(calls.get(0).bodies()).containsExactlyInAnyOrder("invalid", "ok-3");
    assertThat(receiveCount(calls, "invalid")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void reportBatchItemFailures_answerNotABatchResponse_wholeBatchComesBack() throws Exception {
    String queue = queue("malformed", ONE_SECOND);
    server.send(queue, "malformed", "ok-4");

    start(queue, true);

    List<Call> calls =
        invoker.await("ok-4 delivered a second time", WAIT, c -> receiveCount(c, "ok-4") >= 2);
    assertThat(calls.get(0).result().payloadText()).isEqualTo("\"not a batch response\"");
  }

  @Test
  void reportBatchItemFailures_emptyList_deletesTheWholeBatch() throws Exception {
    String queue = queue("empty-list", ONE_SECOND);
    server.send(queue, "empty", "ok-5");

    start(queue, true);

    List<Call> calls = invoker.await("one call", WAIT, c -> !c.isEmpty());
    assertThat(calls.get(0).result().payloadText()).isEqualTo("{\"batchItemFailures\":[]}");
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
    assertThat(deliveries(invoker.calls(), "ok-5")).isEqualTo(1);
  }

  @Test
  void withoutReportBatchItemFailures_okAnswer_deletesEvenTheListedMessages() throws Exception {
    String queue = queue("no-reporting", ONE_SECOND);
    server.send(queue, "fail-2", "ok-6");

    start(queue, false);

    List<Call> calls = invoker.await("one call", WAIT, c -> !c.isEmpty());
    assertThat(calls.get(0).result().payloadText()).contains("itemIdentifier");
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
    assertThat(deliveries(invoker.calls(), "fail-2")).isEqualTo(1);
  }

  @Test
  void functionError_wholeBatchComesBack_thenRedriveMovesItToTheDeadLetterQueue() throws Exception {
    String deadLetters = queue("poison-dlq", Map.of());
    String redrive =
        "{\"deadLetterTargetArn\":\"" + server.arn(deadLetters) + "\",\"maxReceiveCount\":\"2\"}";
    String queue =
        queue(
            "poison",
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                "1",
                QueueAttributeName.REDRIVE_POLICY,
                redrive));
    server.send(queue, "throw-1", "ok-7");

    start(queue, true);

    List<Message> dead = server.awaitMessages(deadLetters, WAIT);
    List<String> deadBodies = new ArrayList<>(dead.stream().map(Message::body).toList());
    if (deadBodies.size() < 2) {
      server.awaitMessages(deadLetters, WAIT).forEach(m -> deadBodies.add(m.body()));
    }
    assertThat(deadBodies).containsExactlyInAnyOrder("throw-1", "ok-7");
    List<Call> calls = invoker.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls)
        .allSatisfy(call -> assertThat(call.status()).isEqualTo(Status.FUNCTION_ERROR));
    assertThat(calls)
        .extracting(
            c -> c.records().get(0).path("attributes").path("ApproximateReceiveCount").asText())
        .containsExactly("1", "2");
  }

  private String queue(String name, Map<QueueAttributeName, String> attributes) {
    String url = server.create(name, attributes);
    queues.add(url);
    return url;
  }

  private void start(String queue, boolean reportBatchItemFailures) {
    SqsSourceConfig config =
        new SqsSourceConfig(
            FUNCTION, queue, server.arn(queue), 10, Duration.ZERO, reportBatchItemFailures, 1);
    sources.add(SqsEventSource.start(config, server.client(), SourceContext.of(invoker)));
  }

  private static long deliveries(List<Call> calls, String body) {
    return calls.stream().flatMap(c -> c.bodies().stream()).filter(body::equals).count();
  }

  /** The highest ApproximateReceiveCount the message was delivered with. */
  private static int receiveCount(List<Call> calls, String body) {
    return calls.stream()
        .flatMap(c -> c.records().stream())
        .filter(r -> r.path("body").asText().equals(body))
        .mapToInt(r -> r.path("attributes").path("ApproximateReceiveCount").asInt())
        .max()
        .orElse(0);
  }
}
