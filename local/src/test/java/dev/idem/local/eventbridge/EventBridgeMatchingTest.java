package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.testing.LocalAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgeMatchingTest {

  private static final String QUEUE = LocalAccount.arn("sqs", "q");
  private static final String DLQ = LocalAccount.arn("sqs", "dlq");

  private final EventBridgeCalls.RecordingSender sender = new EventBridgeCalls.RecordingSender();
  private final EventBridgeService service =
      new EventBridgeService(
          sender, Clock.fixed(Instant.parse("2026-11-26T10:15:30.750Z"), ZoneOffset.UTC));
  private final EventBridgeCalls calls = new EventBridgeCalls(service);

  @AfterEach
  void close() {
    service.close();
  }

  private static String target(String id, String arn) {
    return "[{\"Id\":\"" + id + "\",\"Arn\":\"" + arn + "\"}]";
  }

  @Test
  void putEvents_prefixPattern_onlyMatchingDetailTypeDelivered() throws Exception {
    calls.rule("notify", "{\"detail-type\":[{\"prefix\":\"Payment\"}]}", target("q", QUEUE));

    calls.putEvent("idem.orders", "OrderPlaced", "{}");
    calls.putEvent("idem.payments", "PaymentCaptured", "{\"n\":1}");

    JsonNode delivered = sender.nextBody();
    assertThat(delivered.path("detail-type").asText()).isEqualTo("PaymentCaptured");
    assertThat(service.stats().matched()).isEqualTo(1);
  }

  @Test
  void putEvents_numericAtLeastThreshold_onlyHighValueDelivered() throws Exception {
    calls.rule(
        "review",
        "{\"source\":[\"idem.orders\"],\"detail\":{\"data\":{\"total\":[{\"numeric\":[\">=\",100000]}]}}}",
        target("q", QUEUE));

    for (int total : new int[] {99999, 100000, 250000}) {
      calls.putEvent("idem.orders", "OrderPlaced", "{\"data\":{\"total\":" + total + "}}");
    }

    assertThat(sender.nextBody().at("/detail/data/total").asInt()).isEqualTo(100000);
    assertThat(sender.nextBody().at("/detail/data/total").asInt()).isEqualTo(250000);
    assertThat(service.stats().matched()).isEqualTo(2);
  }

  @Test
  void putEvents_exactSourceAndType_onlyExactMatchDelivered() throws Exception {
    calls.rule(
        "exact",
        "{\"source\":[\"idem.orders\"],\"detail-type\":[\"OrderPlaced\"]}",
        target("q", QUEUE));

    calls.putEvent("idem.orders.other", "OrderPlaced", "{}");
    calls.putEvent("idem.orders", "OrderPlacedLater", "{}");
    calls.putEvent("idem.orders", "OrderPlaced", "{\"k\":\"v\"}");

    assertThat(sender.nextBody().at("/detail/k").asText()).isEqualTo("v");
    assertThat(service.stats().matched()).isEqualTo(1);
  }

  @Test
  void putEvents_matched_fullEventJsonWithClockTime() throws Exception {
    calls.rule("all", "{\"source\":[\"s\"]}", target("q", QUEUE));

    JsonNode answer =
        calls
            .call(
                "PutEvents",
                "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"{\\\"a\\\":1}\",\"Resources\":[\"r1\"]}]}")
            .body();

    JsonNode event = sender.nextBody();
    assertThat(event.path("id").asText()).isEqualTo(answer.at("/Entries/0/EventId").asText());
    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("account").asText()).isEqualTo("000000000000");
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("time").asText()).isEqualTo("2026-11-26T10:15:30Z");
    assertThat(event.path("resources").get(0).asText()).isEqualTo("r1");
    assertThat(event.at("/detail/a").asInt()).isEqualTo(1);
  }

  @Test
  void putEvents_inputAndInputPathTargets_sendTheirSelection() throws Exception {
    calls.rule(
        "shaped",
        "{\"source\":[\"s\"]}",
        "[{\"Id\":\"a\",\"Arn\":\""
            + QUEUE
            + "\",\"Input\":\"{\\\"fixed\\\":true}\"},"
            + "{\"Id\":\"b\",\"Arn\":\""
            + QUEUE
            + "\",\"InputPath\":\"$.detail.order\"}]");

    calls.putEvent("s", "T", "{\"order\":{\"id\":\"o-1\"}}");

    assertThat(sender.next().body()).isEqualTo("{\"fixed\":true}");
    assertThat(sender.next().body()).isEqualTo("{\"id\":\"o-1\"}");
  }

  @Test
  void putEvents_targetUnreachable_eventGoesToItsDeadLetterQueueWithAttributes() throws Exception {
    sender.failing = QUEUE;
    calls.rule(
        "dl",
        "{\"source\":[\"s\"]}",
        "[{\"Id\":\"q\",\"Arn\":\""
            + QUEUE
            + "\",\"DeadLetterConfig\":{\"Arn\":\""
            + DLQ
            + "\"}}]");

    calls.putEvent("s", "T", "{}");

    EventTargetSender.Message parked = sender.next();
    assertThat(parked.targetArn()).isEqualTo(DLQ);
    assertThat(parked.attributes())
        .containsEntry("TARGET_ARN", QUEUE)
        .containsEntry("RULE_ARN", "arn:aws:events:us-east-1:000000000000:rule/dl")
        .containsKey("ERROR_MESSAGE");
    assertThat(EventBridgeCalls.JSON.readTree(parked.body()).path("source").asText())
        .isEqualTo("s");
  }

  @Test
  void putEvents_disabledRule_notMatchedUntilEnabled() throws Exception {
    calls.rule("toggled", "{\"source\":[\"s\"]}", target("q", QUEUE));
    calls.call("DisableRule", "{\"Name\":\"toggled\"}");

    calls.putEvent("s", "Before", "{}");
    calls.call("EnableRule", "{\"Name\":\"toggled\"}");
    calls.putEvent("s", "After", "{}");

    assertThat(sender.nextBody().path("detail-type").asText()).isEqualTo("After");
    assertThat(service.stats().matched()).isEqualTo(1);
  }

  @Test
  void putEvents_customBus_onlyItsRulesSeeIt() throws Exception {
    calls.call("CreateEventBus", "{\"Name\":\"orders\"}");
    calls.call(
        "PutRule",
        "{\"Name\":\"r\",\"EventBusName\":\"orders\",\"EventPattern\":\"{\\\"source\\\":[\\\"s\\\"]}\"}");
    calls.call(
        "PutTargets",
        "{\"Rule\":\"r\",\"EventBusName\":\"arn:aws:events:us-east-1:000000000000:event-bus/orders\",\"Targets\":"
            + target("q", QUEUE)
            + "}");
    calls.rule("onDefault", "{\"source\":[\"s\"]}", target("d", DLQ));

    calls.call(
        "PutEvents",
        "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"{}\",\"EventBusName\":\"orders\"}]}");

    assertThat(sender.next().targetArn()).isEqualTo(QUEUE);
    assertThat(service.stats().matched()).isEqualTo(1);
  }
}
