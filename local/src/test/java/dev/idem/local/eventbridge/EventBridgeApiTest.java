package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgeApiTest {

  private final EventBridgeService service =
      new EventBridgeService(new EventBridgeCalls.RecordingSender(), Clock.systemUTC());
  private final EventBridgeCalls calls = new EventBridgeCalls(service);

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void putEvents_mixedEntries_perEntryResultsAndFailedCount() {
    JsonNode body =
        calls
            .call(
                "PutEvents",
                """
                {"Entries":[
                  {"Source":"s","DetailType":"T","Detail":"{}"},
                  {"DetailType":"T","Detail":"{}"},
                  {"Source":"s","DetailType":"T","Detail":"[1]"},
                  {"Source":"s","DetailType":"T","Detail":"not json"},
                  {"Source":"s","DetailType":"T","Detail":"{}","EventBusName":"nope"}
                ]}\
                """)
            .body();

    assertThat(body.path("FailedEntryCount").asInt()).isEqualTo(3);
    JsonNode entries = body.path("Entries");
    assertThat(entries.get(0).path("EventId").asText()).isNotBlank();
    assertThat(entries.get(1).path("ErrorCode").asText()).isEqualTo("InvalidArgument");
    assertThat(entries.get(1).path("ErrorMessage").asText()).contains("Source");
    assertThat(entries.get(2).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
    assertThat(entries.get(3).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
    assertThat(entries.get(4).path("EventId").asText()).isNotBlank();
  }

  @Test
  void putEvents_tooLargeDetail_wholeRequestRejected() {
    String big = "{\"x\":\"" + "a".repeat(EventValidation.MAX_REQUEST_BYTES) + "\"}";

    EventBridgeCalls.Answer answer = calls.putEvent("s", "T", big);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("message").asText())
        .isEqualTo("Total size of the entries in the request is over the limit.");
  }

  @Test
  void putEvents_elevenEntries_wholeRequestRejected() {
    String entry = "{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"{}\"},";
    String entries = entry.repeat(11);

    EventBridgeCalls.Answer answer =
        calls.call(
            "PutEvents", "{\"Entries\":[" + entries.substring(0, entries.length() - 1) + "]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ValidationException");
  }

  @Test
  void putRule_invalidPattern_invalidEventPatternException() {
    EventBridgeCalls.Answer answer = calls.rule("bad", "{\"source\":\"not-a-list\"}", "[]");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("InvalidEventPatternException");
  }

  @Test
  void putRule_describeAndList_showWhatWasPut() {
    calls.call(
        "PutRule",
        "{\"Name\":\"orders-placed\",\"EventPattern\":\"{\\\"source\\\":[\\\"s\\\"]}\",\"Description\":\"d\"}");
    calls.call("PutRule", "{\"Name\":\"other\",\"ScheduleExpression\":\"rate(1 day)\"}");

    JsonNode described = calls.call("DescribeRule", "{\"Name\":\"orders-placed\"}").body();
    JsonNode listed = calls.call("ListRules", "{\"NamePrefix\":\"orders\"}").body();

    assertThat(described.path("Arn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders-placed");
    assertThat(described.path("State").asText()).isEqualTo("ENABLED");
    assertThat(described.path("Description").asText()).isEqualTo("d");
    assertThat(described.path("EventBusName").asText()).isEqualTo("default");
    assertThat(listed.path("Rules")).hasSize(1);
  }

  @Test
  void deleteRule_withTargets_refusedUntilTargetsRemoved() {
    calls.rule(
        "r",
        "{\"source\":[\"s\"]}",
        "[{\"Id\":\"t\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q\"}]");

    EventBridgeCalls.Answer refused = calls.call("DeleteRule", "{\"Name\":\"r\"}");
    JsonNode targets = calls.call("ListTargetsByRule", "{\"Rule\":\"r\"}").body();
    calls.call("RemoveTargets", "{\"Rule\":\"r\",\"Ids\":[\"t\"]}");
    EventBridgeCalls.Answer deleted = calls.call("DeleteRule", "{\"Name\":\"r\"}");
    EventBridgeCalls.Answer gone = calls.call("DescribeRule", "{\"Name\":\"r\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("message").asText()).contains("has targets");
    assertThat(targets.at("/Targets/0/Id").asText()).isEqualTo("t");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(gone.body().path("__type").asText()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void createEventBus_twice_alreadyExists_andListed() {
    JsonNode created = calls.call("CreateEventBus", "{\"Name\":\"orders\"}").body();
    EventBridgeCalls.Answer again = calls.call("CreateEventBus", "{\"Name\":\"orders\"}");
    JsonNode listed = calls.call("ListEventBuses", "{}").body();
    JsonNode described = calls.call("DescribeEventBus", "{\"Name\":\"orders\"}").body();

    assertThat(created.path("EventBusArn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    assertThat(again.body().path("__type").asText()).isEqualTo("ResourceAlreadyExistsException");
    assertThat(listed.findValuesAsText("Name")).containsExactly("default", "orders");
    assertThat(described.path("Name").asText()).isEqualTo("orders");
  }

  @Test
  void putRule_unknownBus_resourceNotFound() {
    EventBridgeCalls.Answer answer =
        calls.call("PutRule", "{\"Name\":\"r\",\"EventBusName\":\"nope\",\"EventPattern\":\"{}\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void testEventPattern_matchingAndNot_result() {
    String pattern = "{\\\"detail\\\":{\\\"n\\\":[{\\\"numeric\\\":[\\\">\\\",5]}]}}";
    String event =
        "{\\\"id\\\":\\\"1\\\",\\\"source\\\":\\\"s\\\",\\\"detail-type\\\":\\\"T\\\","
            + "\\\"account\\\":\\\"1\\\",\\\"region\\\":\\\"r\\\",\\\"time\\\":\\\"t\\\","
            + "\\\"detail\\\":{\\\"n\\\":%d}}";

    JsonNode yes =
        calls
            .call(
                "TestEventPattern",
                "{\"EventPattern\":\"" + pattern + "\",\"Event\":\"" + event.formatted(6) + "\"}")
            .body();
    JsonNode no =
        calls
            .call(
                "TestEventPattern",
                "{\"EventPattern\":\"" + pattern + "\",\"Event\":\"" + event.formatted(5) + "\"}")
            .body();

    assertThat(yes.path("Result").asBoolean()).isTrue();
    assertThat(no.path("Result").asBoolean()).isFalse();
  }

  @Test
  void handle_unknownOperation_unknownOperationException() {
    EventBridgeCalls.Answer answer = calls.call("PutPartnerEvents", "{}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("UnknownOperationException");
  }
}
