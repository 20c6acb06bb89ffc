package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.schedule.ScheduleTicker;
import dev.idem.testing.LocalAccount;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Schedule rules and Lambda function targets of the EventBridge service, on a test clock and a
 * ticker the test drives ("Creating a rule that runs on a schedule in Amazon EventBridge",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html).
 */
class EventSchedulesTest {

  private static final String QUEUE = LocalAccount.arn("sqs", "q");
  private static final String FUNCTION = LocalAccount.arn("lambda", "function:Worker");

  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T03:30:00Z"));
  private final ScheduleTicker ticker = ScheduleTicker.manual(clock);
  private final EventBridgeCalls.RecordingSender sender = new EventBridgeCalls.RecordingSender();
  private final EventBridgeService service = new EventBridgeService(sender, clock, ticker);
  private final EventBridgeCalls calls = new EventBridgeCalls(service);
  private final BlockingQueue<EventTargetSender.Message> lambda = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    service.close();
  }

  private EventBridgeCalls.Answer scheduleRule(String name, String expression, String state) {
    EventBridgeCalls.Answer put =
        calls.call(
            "PutRule",
            "{\"Name\":\"%s\",\"ScheduleExpression\":\"%s\",\"State\":\"%s\"}"
                .formatted(name, expression, state));
    if (put.status() != 200) {
      return put;
    }
    return calls.call(
        "PutTargets",
        "{\"Rule\":\"%s\",\"Targets\":[{\"Id\":\"q\",\"Arn\":\"%s\"}]}".formatted(name, QUEUE));
  }

  @Test
  @DisplayName(
      "tick_rateOneMinuteAndAMinutePasses_scheduledEventAsAwsShapesIt"
          + " (EventBridge User Guide: example scheduled event)")
  void tick_rateOneMinuteAndAMinutePasses_scheduledEventAsAwsShapesIt() throws Exception {
    scheduleRule("every-minute", "rate(1 minute)", "ENABLED");

    clock.advance(Duration.ofSeconds(59));
    ticker.tick();
    assertThat(sender.sent).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    ticker.tick();

    JsonNode event = sender.nextBody();
    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("id").asText()).isNotBlank();
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("account").asText()).isEqualTo("000000000000");
    assertThat(event.path("time").asText()).isEqualTo("2026-12-07T03:31:00Z");
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/every-minute");
    assertThat(event.path("detail").isObject() && event.path("detail").isEmpty()).isTrue();
  }

  @Test
  void tick_disabledThenEnabled_firesOnlyWhileEnabled() throws Exception {
    scheduleRule("nightly", "cron(0 3 * * ? *)", "DISABLED");
    clock.advance(Duration.ofDays(1));
    ticker.tick();
    assertThat(sender.sent).isEmpty();

    calls.call("EnableRule", "{\"Name\":\"nightly\"}");
    clock.set(Instant.parse("2026-12-09T03:00:00Z"));
    ticker.tick();

    assertThat(sender.nextBody().path("time").asText()).isEqualTo("2026-12-09T03:00:00Z");
  }

  @Test
  void putRule_badScheduleExpression_validationError() {
    EventBridgeCalls.Answer answer = scheduleRule("bad", "cron(0 10 * * * *)", "ENABLED");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).contains("ValidationException");
  }

  @Test
  void putRule_scheduleOnACustomBus_validationError() {
    calls.call("CreateEventBus", "{\"Name\":\"orders\"}");

    EventBridgeCalls.Answer answer =
        calls.call(
            "PutRule",
            "{\"Name\":\"s\",\"EventBusName\":\"orders\",\"ScheduleExpression\":\"rate(1 hour)\"}");

    assertThat(answer.status()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "putEvents_lambdaTargetWithInputTransformer_transformedInputToTheFunction"
          + " (EventBridge User Guide: input transformation)")
  void putEvents_lambdaTargetWithInputTransformer_transformedInputToTheFunction() throws Exception {
    service.lambdaTargets(lambda::add);
    calls.rule(
        "orders",
        "{\"source\":[\"shop\"]}",
        """
        [{"Id": "fn", "Arn": "%s", "InputTransformer": {
          "InputPathsMap": {"id": "$.detail.id"},
          "InputTemplate": "{\\"order\\": <id>, \\"rule\\": \\"<aws.events.rule-name>\\"}"}}]\
        """
            .formatted(FUNCTION));

    calls.putEvent("shop", "OrderPlaced", "{\"id\":\"o-9\"}");

    EventTargetSender.Message message = lambda.poll(5, TimeUnit.SECONDS);
    assertThat(message).isNotNull();
    assertThat(message.targetArn()).isEqualTo(FUNCTION);
    assertThat(EventBridgeCalls.JSON.readTree(message.body()))
        .isEqualTo(EventBridgeCalls.JSON.readTree("{\"order\":\"o-9\",\"rule\":\"orders\"}"));
    assertThat(sender.sent).isEmpty();
  }
}
