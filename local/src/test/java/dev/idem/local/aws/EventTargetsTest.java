package dev.idem.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rule target's InputTransformer and RetryPolicy, as EventBridge applies them. */
class EventTargetsTest {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
  private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";

  private final EventBridgeCalls.RecordingSender sender = new EventBridgeCalls.RecordingSender();
  private final EventBridgeService service = new EventBridgeService(sender, Clock.systemUTC());
  private final EventBridgeCalls calls = new EventBridgeCalls(service);

  @AfterEach
  void close() {
    service.close();
  }

  private void rule(String target) {
    calls.rule("r", "{\"source\":[\"s\"]}", "[" + target + "]");
  }

  @Test
  void inputTransformer_jsonTemplate_valuesAsJsonOutsideStringsAsTextInside() throws Exception {
    rule(
        """
        {"Id": "t", "Arn": "%s", "InputTransformer": {
          "InputPathsMap": {"id": "$.detail.id", "total": "$.detail.total", "lines": "$.detail.lines",
                            "missing": "$.detail.nope"},
          "InputTemplate": "{\\"order\\": <id>, \\"total\\": <total>, \\"lines\\": <lines>, \\"note\\": \\"<id> for <total> by <aws.events.rule-name>\\", \\"none\\": <missing>}"
        }}\
        """
            .formatted(QUEUE));

    calls.putEvent("s", "T", "{\"id\":\"o-1\",\"total\":42,\"lines\":[{\"sku\":\"a\"}]}");

    JsonNode body = sender.nextBody();
    assertThat(body.path("order").asText()).isEqualTo("o-1");
    assertThat(body.path("total").asInt()).isEqualTo(42);
    assertThat(body.path("lines").get(0).path("sku").asText()).isEqualTo("a");
    assertThat(body.path("note").asText()).isEqualTo("o-1 for 42 by r");
    assertThat(body.path("none").isNull()).isTrue();
  }

  @Test
  void inputTransformer_stringTemplate_plainText() throws Exception {
    rule(
        """
        {"Id": "t", "Arn": "%s", "InputTransformer": {
          "InputPathsMap": {"type": "$.detail-type"},
          "InputTemplate": "\\"a <type> happened\\""}}\
        """
            .formatted(QUEUE));

    calls.putEvent("s", "OrderPlaced", "{}");

    assertThat(sender.next().body()).isEqualTo("\"a OrderPlaced happened\"");
  }

  @Test
  void retryPolicy_targetBusyTwice_deliveredOnTheThirdAttempt() throws Exception {
    sender.busy = QUEUE;
    sender.busyAnswers.set(2);
    rule(
        """
        {"Id": "t", "Arn": "%s", "DeadLetterConfig": {"Arn": "%s"},
         "RetryPolicy": {"MaximumRetryAttempts": 5, "MaximumEventAgeInSeconds": 60}}\
        """
            .formatted(QUEUE, DLQ));

    calls.putEvent("s", "T", "{}");

    assertThat(sender.next().targetArn()).isEqualTo(QUEUE);
    assertThat(sender.attempts.get()).isEqualTo(3);
    assertThat(deliveredWithin(Duration.ofSeconds(10))).isEqualTo(1);
  }

  /** The count once it is non-zero: it is taken just after the send that {@code next()} saw. */
  private long deliveredWithin(Duration limit) throws InterruptedException {
    dev.idem.local.Await.until("a delivery counted", limit, () -> service.stats().delivered() > 0);
    return service.stats().delivered();
  }

  @Test
  void retryPolicy_retriesExhausted_deadLetteredSayingWhy() throws Exception {
    sender.busy = QUEUE;
    sender.busyAnswers.set(100);
    rule(
        """
        {"Id": "t", "Arn": "%s", "DeadLetterConfig": {"Arn": "%s"},
         "RetryPolicy": {"MaximumRetryAttempts": 2}}\
        """
            .formatted(QUEUE, DLQ));

    calls.putEvent("s", "T", "{}");

    EventTargetSender.Message parked = sender.next();
    assertThat(parked.targetArn()).isEqualTo(DLQ);
    assertThat(parked.attributes())
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
        .containsEntry("RETRY_ATTEMPTS", "2")
        .containsEntry("ERROR_CODE", "SqsException");
  }

  @Test
  void retryPolicy_failureThatWillNotPass_deadLetteredWithoutRetry() throws Exception {
    sender.failing = QUEUE;
    rule(
        """
        {"Id": "t", "Arn": "%s", "DeadLetterConfig": {"Arn": "%s"},
         "RetryPolicy": {"MaximumRetryAttempts": 185}}\
        """
            .formatted(QUEUE, DLQ));

    calls.putEvent("s", "T", "{}");

    EventTargetSender.Message parked = sender.next();
    assertThat(parked.targetArn()).isEqualTo(DLQ);
    assertThat(parked.attributes())
        .containsEntry("RETRY_ATTEMPTS", "0")
        .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
    assertThat(sender.attempts.get()).isEqualTo(2); // the target once, then its dead-letter queue
  }
}
