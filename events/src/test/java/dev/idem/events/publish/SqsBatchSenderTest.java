package dev.idem.events.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.events.publish.FakeSqsClient.Fault;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsBatchSenderTest {

  private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/q";

  private final FakeSqsClient client = new FakeSqsClient();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final SqsBatchSender sender = new SqsBatchSender(client, sleeper.policy(3));

  @Test
  void send_25Entries_sendsThreeCallsToTheQueue() {
    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(25, 10));

    assertThat(client.calls).extracting(c -> c.entries().size()).containsExactly(10, 10, 5);
    assertThat(client.calls).allSatisfy(c -> assertThat(c.queueUrl()).isEqualTo(QUEUE));
    assertThat(result.sent()).isEqualTo(25);
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void send_messagesOver256KbTogether_packsCallsUnderTheLimit() {
    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(4, 120_000));

    assertThat(client.calls).extracting(c -> c.entries().size()).containsExactly(2, 2);
    assertThat(result.sent()).isEqualTo(4);
  }

  @Test
  void send_messageOverTheLimit_failsWithoutBeingSent() {
    SendMessageBatchRequestEntry tooBig = entry(1, SqsBatchSender.MAX_BATCH_BYTES + 1);

    BatchResult<SendMessageBatchRequestEntry> result =
        sender.send(QUEUE, List.of(entry(0, 10), tooBig));

    assertThat(client.idsOfCall(0)).containsExactly("m0");
    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.entry()).isSameAs(tooBig);
          assertThat(f.errorCode()).isEqualTo("EntryTooLarge");
          assertThat(f.attempts()).isZero();
        });
  }

  @Test
  void send_failedNotBySender_resendsOnlyThoseEntries() {
    client.thenFail(Map.of("m2", new Fault("InternalError", false)));

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(4, 10));

    assertThat(client.calls).hasSize(2);
    assertThat(client.idsOfCall(1)).containsExactly("m2");
    assertThat(result.sent()).isEqualTo(4);
    assertThat(sleeper.delays).hasSize(1);
  }

  @Test
  void send_senderFault_isNotRetried() {
    client.thenFail(
        Map.of(
            "m0",
            new Fault("InvalidParameterValue", true),
            "m1",
            new Fault("InternalError", false)));

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(2, 10));

    assertThat(client.idsOfCall(1)).containsExactly("m1");
    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.entry().id()).isEqualTo("m0");
          assertThat(f.errorCode()).isEqualTo("InvalidParameterValue");
          assertThat(f.errorMessage()).isEqualTo("InvalidParameterValue for m0");
          assertThat(f.attempts()).isEqualTo(1);
        });
  }

  @Test
  void send_failingEveryAttempt_returnsTheEntryWithItsLastError() {
    Fault internal = new Fault("InternalError", false);
    client
        .thenFail(Map.of("m1", internal))
        .thenFail(Map.of("m1", internal))
        .thenFail(Map.of("m1", new Fault("ServiceUnavailable", false)));

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(2, 10));

    assertThat(client.calls).hasSize(3);
    assertThat(result.sent()).isEqualTo(1);
    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.errorCode()).isEqualTo("ServiceUnavailable");
          assertThat(f.attempts()).isEqualTo(3);
        });
  }

  @Test
  void send_wholeCallServerError_retriesThatCallsEntries() {
    client.thenThrow(serviceException(500, "InternalError"));

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(3, 10));

    assertThat(client.calls).hasSize(2);
    assertThat(client.idsOfCall(1)).containsExactly("m0", "m1", "m2");
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void send_wholeCallQueueMissing_failsEveryEntryWithoutRetry() {
    client.thenThrow(serviceException(400, "AWS.SimpleQueueService.NonExistentQueue"));

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(QUEUE, entries(2, 10));

    assertThat(client.calls).hasSize(1);
    assertThat(result.failed())
        .extracting(FailedEntry::errorCode)
        .containsExactly(
            "AWS.SimpleQueueService.NonExistentQueue", "AWS.SimpleQueueService.NonExistentQueue");
  }

  @Test
  void send_duplicateIds_isRefusedBeforeSending() {
    List<SendMessageBatchRequestEntry> entries = List.of(entry(0, 10), entry(0, 20));

    assertThatThrownBy(() -> sender.send(QUEUE, entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unique");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void size_countsBodyAndAttributeNamesTypesAndValues() {
    SendMessageBatchRequestEntry entry =
        SendMessageBatchRequestEntry.builder()
            .id("not-counted")
            .messageBody("hello")
            .messageAttributes(
                Map.of(
                    "kind",
                    MessageAttributeValue.builder().dataType("String").stringValue("x").build()))
            .messageGroupId("not-counted")
            .build();

    assertThat(SqsBatchSender.size(entry)).isEqualTo(5 + 4 + 6 + 1);
  }

  static List<SendMessageBatchRequestEntry> entries(int count, int bodyBytes) {
    return IntStream.range(0, count).mapToObj(i -> entry(i, bodyBytes)).toList();
  }

  static SendMessageBatchRequestEntry entry(int n, int bodyBytes) {
    return SendMessageBatchRequestEntry.builder()
        .id("m" + n)
        .messageBody("x".repeat(bodyBytes))
        .build();
  }

  private static SqsException serviceException(int status, String code) {
    return (SqsException)
        SqsException.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }
}
