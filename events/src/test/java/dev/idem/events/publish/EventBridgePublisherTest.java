package dev.idem.events.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventBridgePublisherTest {

  private final FakeEventBridgeClient client = new FakeEventBridgeClient();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final EventBridgePublisher publisher =
      new EventBridgePublisher(client, sleeper.policy(3));

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void publish_23Entries_sendsThreeCallsOf10_10_3InOrder() {
    List<PutEventsRequestEntry> entries = entries(23, 10);

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).extracting(List::size).containsExactly(10, 10, 3);
    assertThat(client.calls.stream().flatMap(List::stream)).containsExactlyElementsOf(entries);
    assertThat(result.sent()).isEqualTo(23);
    assertThat(result.allSent()).isTrue();
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void publish_entriesOver256KbTogether_packsCallsUnderTheLimit() {
    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries(5, 100_000));

    assertThat(client.calls).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(client.calls)
        .allSatisfy(call ->
            assertThat(call.stream().mapToInt(EventBridgePublisher::size).sum())
                .isLessThanOrEqualTo(EventBridgePublisher.MAX_BATCH_BYTES));
    assertThat(result.sent()).isEqualTo(5);
  }

  @Test
  void publish_entryOfExactlyTheLimit_isSentAlone() {
    PutEventsRequestEntry full = entryOfSize(EventBridgePublisher.MAX_BATCH_BYTES);

    BatchResult<PutEventsRequestEntry> result = publisher.publish(List.of(entry(0, 10), full));

    assertThat(client.calls).extracting(List::size).containsExactly(1, 1);
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void publish_entryOverTheLimit_failsWithoutBeingSent() {
    PutEventsRequestEntry tooBig = entryOfSize(EventBridgePublisher.MAX_BATCH_BYTES + 1);

    BatchResult<PutEventsRequestEntry> result =
        publisher.publish(List.of(entry(0, 10), tooBig, entry(2, 10)));

    assertThat(client.calls).singleElement().asList().doesNotContain(tooBig).hasSize(2);
    assertThat(result.sent()).isEqualTo(2);
    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.entry()).isSameAs(tooBig);
          assertThat(f.errorCode()).isEqualTo("EntryTooLarge");
          assertThat(f.errorMessage()).contains("262145 bytes");
          assertThat(f.attempts()).isZero();
        });
  }

  @Test
  void publish_partialFailure_resendsOnlyTheFailedEntries() {
    List<PutEventsRequestEntry> entries = entries(5, 10);
    client.thenFail(Map.of(1, "ThrottlingException", 3, "InternalFailure"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).hasSize(2);
    assertThat(client.calls.get(1)).containsExactly(entries.get(1), entries.get(3));
    assertThat(result.sent()).isEqualTo(5);
    assertThat(result.allSent()).isTrue();
    assertThat(sleeper.delays).hasSize(1);
  }

  @Test
  void publish_failuresAcrossCalls_retriedTogetherInOneCall() {
    List<PutEventsRequestEntry> entries = entries(15, 10);
    client.thenFail(Map.of(9, "ThrottlingException")).thenFail(Map.of(0, "ThrottlingException"));

    publisher.publish(entries);

    assertThat(client.calls).extracting(List::size).containsExactly(10, 5, 2);
    assertThat(client.calls.get(2)).containsExactly(entries.get(9), entries.get(10));
  }

  @Test
  void publish_failingEveryAttempt_returnsTheEntryWithItsLastError() {
    List<PutEventsRequestEntry> entries = entries(3, 10);
    client
        .thenFail(Map.of(2, "ThrottlingException"))
        .thenFail(Map.of(0, "ThrottlingException"))
        .thenFail(Map.of(0, "InternalFailure"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).extracting(List::size).containsExactly(3, 1, 1);
    assertThat(result.sent()).isEqualTo(2);
    assertThat(result.failed())
        .singleElement()
        .isEqualTo(new FailedEntry<>(entries.get(2), "InternalFailure", "InternalFailure #0", 3));
    assertThat(sleeper.delays).hasSize(2);
  }

  @Test
  void publish_nonRetryableCode_isNotRetried() {
    List<PutEventsRequestEntry> entries = entries(2, 10);
    client.thenFail(Map.of(0, "MalformedDetail"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).hasSize(1);
    assertThat(result.failed())
        .singleElement()
        .isEqualTo(new FailedEntry<>(entries.get(0), "MalformedDetail", "MalformedDetail #0", 1));
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void publish_wholeCallThrottled_retriesThatCallsEntries() {
    List<PutEventsRequestEntry> entries = entries(12, 10);
    client.thenThrow(serviceException(400, "ThrottlingException"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).extracting(List::size).containsExactly(10, 2, 10);
    assertThat(client.calls.get(2)).containsExactlyElementsOf(entries.subList(0, 10));
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void publish_clientSideFailure_retries() {
    client.thenThrow(SdkClientException.create("Unable to execute HTTP request: Connection reset"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries(1, 10));

    assertThat(client.calls).hasSize(2);
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void publish_wholeCallAccessDenied_failsEveryEntryWithoutRetry() {
    client.thenThrow(serviceException(400, "AccessDeniedException"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries(3, 10));

    assertThat(client.calls).hasSize(1);
    assertThat(result.sent()).isZero();
    assertThat(result.failed())
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.errorCode()).isEqualTo("AccessDeniedException"));
  }

  @Test
  void publish_serverErrorOnEveryAttempt_returnsEntriesAfterMaxAttempts() {
    client.thenThrow(serviceException(500, "InternalException"));
    client.thenThrow(serviceException(503, "ServiceUnavailable"));
    client.thenThrow(serviceException(500, "InternalException"));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries(2, 10));

    assertThat(client.calls).hasSize(3);
    assertThat(result.failed())
        .hasSize(2)
        .allSatisfy(f -> {
          assertThat(f.errorCode()).isEqualTo("InternalException");
          assertThat(f.attempts()).isEqualTo(3);
        });
  }

  @Test
  void publish_interruptedDuringBackoff_returnsPendingEntriesAsFailed() {
    List<PutEventsRequestEntry> entries = entries(2, 10);
    client.thenFail(Map.of(1, "ThrottlingException"));
    Sleeper interrupted =
        d -> {
          throw new InterruptedException();
        };
    var publisher = new EventBridgePublisher(client, sleeper.policy(3).sleeper(interrupted));

    BatchResult<PutEventsRequestEntry> result = publisher.publish(entries);

    assertThat(client.calls).hasSize(1);
    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.entry()).isEqualTo(entries.get(1));
          assertThat(f.errorMessage()).endsWith("(retry interrupted)");
        });
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void publish_noEntries_makesNoCall() {
    BatchResult<PutEventsRequestEntry> result = publisher.publish(List.of());

    assertThat(client.calls).isEmpty();
    assertThat(result.sent()).isZero();
    assertThat(result.allSent()).isTrue();
  }

  @Test
  void size_countsSourceDetailTypeDetailResourcesAndTime() {
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source("idem.orders")
            .detailType("OrderPlaced")
            .detail("{\"é\":1}")
            .resources("arn:x")
            .time(Instant.EPOCH)
            .eventBusName("not-counted")
            .build();

    // The detail is 8 bytes: 7 characters, and é takes two bytes in UTF-8.
    assertThat(EventBridgePublisher.size(entry)).isEqualTo(11 + 11 + 8 + 5 + 14);
  }

  static List<PutEventsRequestEntry> entries(int count, int detailBytes) {
    return IntStream.range(0, count).mapToObj(i -> entry(i, detailBytes)).toList();
  }

  static PutEventsRequestEntry entry(int n, int detailBytes) {
    String prefix = "{\"n\":" + n + ",\"pad\":\"";
    String pad = "x".repeat(Math.max(0, detailBytes - prefix.length() - 2));
    return PutEventsRequestEntry.builder()
        .source("idem.orders")
        .detailType("OrderPlaced")
        .detail(prefix + pad + "\"}")
        .eventBusName("idem-orders")
        .build();
  }

  private static PutEventsRequestEntry entryOfSize(int size) {
    return entry(99, size - "idem.orders".length() - "OrderPlaced".length());
  }

  private static EventBridgeException serviceException(int status, String code) {
    return (EventBridgeException)
        EventBridgeException.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }
}
