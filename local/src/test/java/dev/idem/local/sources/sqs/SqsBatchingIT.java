package dev.idem.local.sources.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.Await;
import dev.idem.local.sources.QueueServer;
import dev.idem.local.sources.QueueServerExtension;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.WarmFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Batch size, batching window, the event's shape and FIFO group order, with real instances. */
@ExtendWith(QueueServerExtension.class)
class SqsBatchingIT {

  private static final String FUNCTION = "sqs-batching";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "SqsBatchHandler", 2, "{\"Records\":[{\"body\":\"sleep:200\"}]}");

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
  void start_moreMessagesThanBatchSize_invokesWithBatchesOfAtMostBatchSize() throws Exception {
    String queue = queue("batch-size", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
    List<String> bodies = IntStream.range(0, 12).mapToObj(i -> "message-" + i).toList();
    sendBatches(queue, bodies);

    start(queue, 5, Duration.ZERO, 1);

    List<Call> calls = invoker.await("12 messages", WAIT, c -> bodiesOf(c).size() >= 12);
    assertThat(calls).allSatisfy(call -> assertThat(call.ok()).isTrue());
    assertThat(calls).extracting(c -> c.records().size()).containsExactly(5, 5, 2);
    assertThat(bodiesOf(calls)).containsExactlyInAnyOrderElementsOf(bodies);
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
  }

  @Test
  void start_batchingWindow_gathersMessagesArrivingWithinItIntoOneBatch() throws Exception {
    String queue = queue("batch-window", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
    start(queue, 10, Duration.ofSeconds(2), 1);

    server.send(queue, "first");
    Await.until("the first message to be received", WAIT, () -> server.inFlight(queue) == 1);
    server.send(queue, "second", "third");

    List<Call> calls = invoker.await("one call", WAIT, c -> !c.isEmpty());
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).bodies()).containsExactly("first", "second", "third");
  }

  @Test
  void start_messageWithAttributes_sendsTheSqsEventLambdaSends() throws Exception {
    String queue = queue("event-shape", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
    String arn = server.arn(queue);
    server
        .client()
        .sendMessage(r ->
            r.queueUrl(queue)
                .messageBody("{\"hello\":1}")
                .messageAttributes(
                    Map.of(
                        "Text", string("value"),
                        "Blob", binary(new byte[] {1, 2, 3}))));

    start(queue, 10, Duration.ZERO, 1);

    JsonNode record = invoker.await("one call", WAIT, c -> !c.isEmpty()).get(0).records().get(0);
    assertThat(record.path("body").asText()).isEqualTo("{\"hello\":1}");
    assertThat(record.path("messageId").asText()).isNotBlank();
    assertThat(record.path("receiptHandle").asText()).isNotBlank();
    assertThat(record.path("md5OfBody").asText()).hasSize(32);
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo(arn);
    assertThat(record.path("awsRegion").asText()).isEqualTo(arn.split(":")[3]);
    JsonNode attributes = record.path("attributes");
    assertThat(attributes.path("ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(attributes.path("SentTimestamp").asText()).matches("\\d{13}");
    assertThat(attributes.path("ApproximateFirstReceiveTimestamp").asText()).matches("\\d{13}");
    assertThat(attributes.has("SenderId")).isTrue();
    JsonNode text = record.path("messageAttributes").path("Text");
    assertThat(text.path("stringValue").asText()).isEqualTo("value");
    assertThat(text.path("dataType").asText()).isEqualTo("String");
    assertThat(text.path("stringListValues").isArray()).isTrue();
    JsonNode blob = record.path("messageAttributes").path("Blob");
    assertThat(blob.path("binaryValue").asText()).isEqualTo("AQID");
    assertThat(blob.path("dataType").asText()).isEqualTo("Binary");
  }

  @Test
  void start_fifoQueue_deliversEachGroupInOrderWithOneBatchPerGroupInFlight() throws Exception {
    String queue =
        queue(
            "group-order.fifo",
            Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (String group : List.of("a", "b")) {
        String body = "sleep:50 " + group + "-" + i;
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(group + i)
                .messageBody(body)
                .messageGroupId(group)
                .build());
      }
    }
    server.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries.subList(0, 10)));
    server.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries.subList(10, 12)));

    start(queue, 3, Duration.ZERO, 2);

    List<Call> calls = invoker.await("12 messages", WAIT, c -> bodiesOf(c).size() >= 12);
    assertThat(calls).allSatisfy(call -> assertThat(call.ok()).isTrue());
    for (String group : List.of("a", "b")) {
      List<Call> ofGroup =
          calls.stream()
              .filter(c -> c.bodies().stream().anyMatch(b -> b.contains(" " + group + "-")))
              .sorted(Comparator.comparingLong(Call::startNanos))
              .toList();
      List<String> inOrder =
          ofGroup.stream()
              .flatMap(c -> c.bodies().stream())
              .filter(b -> b.contains(" " + group + "-"))
              .toList();
      assertThat(inOrder)
          .containsExactlyElementsOf(
              IntStream.range(0, 6).mapToObj(i -> "sleep:50 " + group + "-" + i).toList());
      for (int i = 1; i < ofGroup.size(); i++) {
        assertThat(ofGroup.get(i).startNanos()).isGreaterThan(ofGroup.get(i - 1).endNanos());
      }
    }
    JsonNode attributes = calls.get(0).records().get(0).path("attributes");
    assertThat(attributes.path("MessageGroupId").asText()).isIn("a", "b");
    assertThat(attributes.path("MessageDeduplicationId").asText()).isNotBlank();
    assertThat(attributes.path("SequenceNumber").asText()).isNotBlank();
  }

  private String queue(String name, Map<QueueAttributeName, String> attributes) {
    String url = server.create(name, attributes);
    queues.add(url);
    return url;
  }

  private void start(String queue, int batchSize, Duration window, int concurrency) {
    SqsSourceConfig config =
        new SqsSourceConfig(
            FUNCTION, queue, server.arn(queue), batchSize, window, true, concurrency);
    sources.add(SqsEventSource.start(config, server.client(), SourceContext.of(invoker)));
  }

  private void sendBatches(String queue, List<String> bodies) {
    for (int from = 0; from < bodies.size(); from += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
        entries.add(
            SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
      }
      server.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
    }
  }

  private static List<String> bodiesOf(List<Call> calls) {
    return calls.stream().filter(Call::ok).flatMap(c -> c.bodies().stream()).toList();
  }

  private static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue binary(byte[] value) {
    return MessageAttributeValue.builder()
        .dataType("Binary")
        .binaryValue(SdkBytes.fromByteArray(value))
        .build();
  }
}
