package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a matched event becomes on its way to a target: {@code Input}, {@code InputPath}, {@code
 * InputTransformer}, and the {@code RetryPolicy} and dead-letter queue when the target fails. Each
 * test names its source: the EventBridge User Guide ("Amazon EventBridge input transformation",
 * "Event retry policy and using dead-letter queues"), the EventBridge API Reference (PutTargets,
 * InputTransformer, RetryPolicy), or a behaviour LocalStack recorded against AWS ({@code
 * tests/aws/services/events/test_events_inputs.snapshot.json}, cited as "AWS-recorded").
 */
class EventTargetsTest {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
  private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
  private static final String DETAIL =
      "{\"command\":\"update-account\",\"payload\":{\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"},"
          + "\"lines\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":2}],"
          + "\"note\":\"he said \\\"hi\\\"\"}";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final EventBridgeCalls.RecordingSender sender = new EventBridgeCalls.RecordingSender();
  private final EventBridgeService service = new EventBridgeService(sender, clock);
  private final EventBridgeCalls calls = new EventBridgeCalls(service);

  @AfterEach
  void close() {
    service.close();
  }

  private EventBridgeCalls.Answer rule(String target) {
    return calls.rule("r", "{\"source\":[\"s\"]}", "[" + target + "]");
  }

  /** A target whose InputPath is {@code path}. */
  private void inputPath(String path) {
    rule("{\"Id\": \"t\", \"Arn\": \"" + QUEUE + "\", \"InputPath\": \"" + path + "\"}");
  }

  /** A target whose InputTransformer has these paths (a JSON object) and this template. */
  private EventBridgeCalls.Answer transformer(String pathsJson, String template) {
    return rule(
        "{\"Id\": \"t\", \"Arn\": \""
            + QUEUE
            + "\", \"InputTransformer\": {\"InputPathsMap\": "
            + pathsJson
            + ", \"InputTemplate\": "
            + EventBridgeCalls.JSON.valueToTree(template)
            + "}}");
  }

  private String deliveredBody() throws InterruptedException {
    calls.putEvent("s", "OrderPlaced", DETAIL);
    return sender.next().body();
  }

  // Input and InputPath

  @Test
  @DisplayName(
      "input_constantJson_replacesTheEvent"
          + " (API Reference, Target.Input: nothing from the event itself is passed)")
  void input_constantJson_replacesTheEvent() throws Exception {
    rule("{\"Id\": \"t\", \"Arn\": \"" + QUEUE + "\", \"Input\": \"{\\\"fixed\\\": [1, 2]}\"}");

    assertThat(deliveredBody()).isEqualTo("{\"fixed\": [1, 2]}");
  }

  @Test
  @DisplayName(
      "inputPath_detail_targetGetsTheDetailObject"
          + " (AWS-recorded: TestInputPath::test_put_events_with_input_path)")
  void inputPath_detail_targetGetsTheDetailObject() throws Exception {
    inputPath("$.detail.payload");

    assertThat(deliveredBody()).isEqualTo("{\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"}");
  }

  @Test
  @DisplayName(
      "inputPath_toAString_targetGetsAQuotedJsonString"
          + " (AWS-recorded: TestInputPath::test_put_events_with_input_path_max_level_depth)")
  void inputPath_toAString_targetGetsAQuotedJsonString() throws Exception {
    inputPath("$.detail.payload.sf_id");

    assertThat(deliveredBody()).isEqualTo("\"baz\"");
  }

  @Test
  @DisplayName(
      "inputPath_arrayIndex_selectsThatElement"
          + " (User Guide, input transformation: supported JSON path syntax includes array"
          + " indices)")
  void inputPath_arrayIndex_selectsThatElement() throws Exception {
    inputPath("$.detail.lines[1].sku");

    assertThat(deliveredBody()).isEqualTo("\"b\"");
  }

  @Test
  @DisplayName(
      "inputPath_wildcard_selectsEveryMatchAsAnArray"
          + " (User Guide, input transformation: supported JSON path syntax includes wildcards)")
  void inputPath_wildcard_selectsEveryMatchAsAnArray() throws Exception {
    inputPath("$.detail.lines[*].qty");

    assertThat(deliveredBody()).isEqualTo("[1,2]");
  }

  // InputTransformer: where a value lands in the template

  @Test
  @DisplayName(
      "inputTransformer_jsonTemplateUnquotedPlaceholders_stringsQuotedOtherValuesAsJson"
          + " (User Guide, input transform examples: Simple JSON; JSON with a mix of variables"
          + " and static information)")
  void inputTransformer_jsonTemplateUnquotedPlaceholders_stringsQuotedOtherValuesAsJson()
      throws Exception {
    transformer(
        "{\"cmd\": \"$.detail.command\", \"payload\": \"$.detail.payload\","
            + " \"qty\": \"$.detail.lines[0].qty\"}",
        "{\"command\" : <cmd>, \"state\": [ 9, <qty>, true ], \"payload\": <payload>}");

    assertThat(deliveredBody())
        .isEqualTo(
            "{\"command\" : \"update-account\", \"state\": [ 9, 1, true ],"
                + " \"payload\": {\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"}}");
  }

  @Test
  @DisplayName(
      "inputTransformer_placeholderInsideAJsonString_valueInsertedAsItsTextUnescaped"
          + " (User Guide, input transform examples: JSON with strings and variables; common"
          + " issues: EventBridge doesn't escape values extracted by Input Path)")
  void inputTransformer_placeholderInsideAJsonString_valueInsertedAsItsTextUnescaped()
      throws Exception {
    transformer(
        "{\"cmd\": \"$.detail.command\", \"note\": \"$.detail.note\"}",
        "{\"status\": \"command <cmd> noted: <note>\"}");

    assertThat(deliveredBody())
        .isEqualTo("{\"status\": \"command update-account noted: he said \"hi\"\"}");
  }

  @Test
  @DisplayName(
      "inputTransformer_jsonTemplatePathMatchingNothing_emptyJsonString"
          + " (AWS-recorded: test_put_events_with_input_transformer_input_template_json,"
          + " custom-variables-not-match-all)")
  void inputTransformer_jsonTemplatePathMatchingNothing_emptyJsonString() throws Exception {
    transformer(
        "{\"type\": \"$.detail-type\", \"command\": \"$.detail.notinmessage\"}",
        "{\"detailType\": <type>, \"command\": <command>}");

    assertThat(deliveredBody()).isEqualTo("{\"detailType\": \"OrderPlaced\", \"command\": \"\"}");
  }

  @Test
  @DisplayName(
      "inputTransformer_stringTemplatePathMatchingNothing_emptyText"
          + " (AWS-recorded: test_put_events_with_input_transformer_input_template_string,"
          + " custom-variables-not-match-all)")
  void inputTransformer_stringTemplatePathMatchingNothing_emptyText() throws Exception {
    transformer(
        "{\"type\": \"$.detail-type\", \"command\": \"$.detail.notinmessage\"}",
        "\"Event of <type> type, info extracted from detail <command>\"");

    assertThat(deliveredBody())
        .isEqualTo("\"Event of OrderPlaced type, info extracted from detail \"");
  }

  @Test
  @DisplayName(
      "inputTransformer_stringTemplateStartingWithBraces_stillAString"
          + " (AWS-recorded: test_put_events_with_input_transformer_input_template_string,"
          + " \"{[/Check with special starting characters\")")
  void inputTransformer_stringTemplateStartingWithBraces_stillAString() throws Exception {
    transformer(
        "{\"type\": \"$.detail-type\"}", "\"{[/Check with special starting characters <type>\"");

    assertThat(deliveredBody())
        .isEqualTo("\"{[/Check with special starting characters OrderPlaced\"");
  }

  @Test
  @DisplayName(
      "inputTransformer_textTemplate_valuesInsertedAsRawText"
          + " (API Reference, InputTransformer: \"<instance> is in state <status>\")")
  void inputTransformer_textTemplate_valuesInsertedAsRawText() throws Exception {
    transformer(
        "{\"cmd\": \"$.detail.command\", \"id\": \"$.detail.payload.sf_id\"}",
        "<id> is in state <cmd>");

    assertThat(deliveredBody()).isEqualTo("baz is in state update-account");
  }

  // InputTransformer: EventBridge's own variables

  @Test
  @DisplayName(
      "inputTransformer_predefinedVariablesInAString_ruleArnRuleNameAndIngestionTime"
          + " (AWS-recorded: test_input_transformer_predefined_variables, string template)")
  void inputTransformer_predefinedVariablesInAString_ruleArnRuleNameAndIngestionTime()
      throws Exception {
    transformer(
        "{}",
        "\"Message containing all pre defined variables <aws.events.rule-arn>"
            + " <aws.events.rule-name> <aws.events.event.ingestion-time>\"");

    assertThat(deliveredBody())
        .isEqualTo(
            "\"Message containing all pre defined variables"
                + " arn:aws:events:us-east-1:000000000000:rule/r r 2026-12-07T06:00:00Z\"");
  }

  @Test
  @DisplayName(
      "inputTransformer_ingestionTime_whenEventBridgeReceivedTheEventNotItsTime"
          + " (User Guide, predefined variables: aws.events.event.ingestion-time is the time at"
          + " which the event was received by EventBridge)")
  void inputTransformer_ingestionTime_whenEventBridgeReceivedTheEventNotItsTime() throws Exception {
    transformer(
        "{\"time\": \"$.time\"}",
        "{\"time\": <time>, \"received\": <aws.events.event.ingestion-time>}");

    calls.call(
        "PutEvents",
        "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"{}\","
            + "\"Time\":\"2020-01-01T00:00:00Z\"}]}");

    assertThat(sender.next().body())
        .isEqualTo("{\"time\": \"2020-01-01T00:00:00Z\", \"received\": \"2026-12-07T06:00:00Z\"}");
  }

  @Test
  @DisplayName(
      "inputTransformer_awsEventsEvent_theEventWithoutDetailAndWithDetailType"
          + " (AWS-recorded: test_input_transformer_predefined_variables, originalEvent; User"
          + " Guide: the original event payload without the detail field)")
  void inputTransformer_awsEventsEvent_theEventWithoutDetailAndWithDetailType() throws Exception {
    transformer("{}", "{\"originalEvent\": <aws.events.event>}");

    JsonNode original = EventBridgeCalls.JSON.readTree(deliveredBody()).path("originalEvent");

    assertThat(original.has("detail")).isFalse();
    assertThat(original.has("detail-type")).isFalse();
    assertThat(original.path("detailType").asText()).isEqualTo("OrderPlaced");
    assertThat(original.path("source").asText()).isEqualTo("s");
    assertThat(original.path("version").asText()).isEqualTo("0");
    assertThat(original.path("resources").isArray()).isTrue();
  }

  @Test
  @DisplayName(
      "inputTransformer_awsEventsEventJson_theWholeEvent"
          + " (AWS-recorded: test_input_transformer_predefined_variables, originalEventJson)")
  void inputTransformer_awsEventsEventJson_theWholeEvent() throws Exception {
    transformer("{}", "{\"originalEventJson\": <aws.events.event.json>}");

    JsonNode original = EventBridgeCalls.JSON.readTree(deliveredBody()).path("originalEventJson");

    assertThat(original.path("detail-type").asText()).isEqualTo("OrderPlaced");
    assertThat(original.path("detail").path("payload").path("sf_id").asText()).isEqualTo("baz");
  }

  // PutTargets: what AWS refuses

  @Test
  @DisplayName(
      "putTargets_templateWithAnUndefinedPlaceholder_validationException"
          + " (AWS-recorded: test_put_events_with_input_transformer_missing_keys)")
  void putTargets_templateWithAnUndefinedPlaceholder_validationException() {
    EventBridgeCalls.Answer answer =
        transformer(
            "{\"detail-type\": \"$.detail-type\"}",
            "\"Event of <detail-type> type, with not defined key <notdefinedkey>\"");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(answer.body().path("message").asText())
        .isEqualTo("InputTemplate for target t contains invalid placeholder notdefinedkey.");
  }

  @Test
  @DisplayName(
      "putTargets_inputPathAndInputTransformer_validationException"
          + " (AWS-recorded: test_put_event_input_path_and_input_transformer)")
  void putTargets_inputPathAndInputTransformer_validationException() {
    EventBridgeCalls.Answer answer =
        rule(
            "{\"Id\": \"t\", \"Arn\": \""
                + QUEUE
                + "\", \"InputPath\": \"$.detail\", \"InputTransformer\": {\"InputTemplate\":"
                + " \"\\\"x\\\"\"}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(answer.body().path("message").asText())
        .isEqualTo(
            "Only one of Input, InputPath, or InputTransformer must be provided for target t.");
  }

  @Test
  @DisplayName(
      "putTargets_inputPathsMapOf101Variables_validationException"
          + " (API Reference, InputTransformer: InputPathsMap, maximum number of 100 items)")
  void putTargets_inputPathsMapOf101Variables_validationException() {
    StringBuilder paths = new StringBuilder("{");
    for (int i = 0; i <= 100; i++) {
      paths.append(i == 0 ? "" : ",").append("\"v").append(i).append("\": \"$.detail\"");
    }

    EventBridgeCalls.Answer answer = transformer(paths.append('}').toString(), "\"<v1>\"");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(answer.body().path("message").asText()).contains("100");
  }

  @Test
  @DisplayName(
      "putTargets_inputPathsMapKeyOutsideItsPattern_validationException"
          + " (API Reference, InputTransformer: key pattern [A-Za-z0-9_-]+; predefined variable"
          + " names are reserved)")
  void putTargets_inputPathsMapKeyOutsideItsPattern_validationException() {
    EventBridgeCalls.Answer answer =
        transformer("{\"aws.events.rule-name\": \"$.detail\"}", "\"<aws.events.rule-name>\"");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(answer.body().path("message").asText()).contains("[A-Za-z0-9_\\-]+");
  }

  @Test
  @DisplayName(
      "putTargets_retryPolicyOutOfRange_validationException"
          + " (API Reference, RetryPolicy: MaximumRetryAttempts 0 to 185,"
          + " MaximumEventAgeInSeconds 60 to 86,400)")
  void putTargets_retryPolicyOutOfRange_validationException() {
    EventBridgeCalls.Answer attempts =
        rule(
            "{\"Id\": \"t\", \"Arn\": \""
                + QUEUE
                + "\", \"RetryPolicy\": {\"MaximumRetryAttempts\": 186}}");
    EventBridgeCalls.Answer age =
        rule(
            "{\"Id\": \"t\", \"Arn\": \""
                + QUEUE
                + "\", \"RetryPolicy\": {\"MaximumEventAgeInSeconds\": 59}}");

    assertThat(attempts.status()).isEqualTo(400);
    assertThat(attempts.body().path("message").asText())
        .contains("maximumRetryAttempts")
        .contains("less than or equal to 185");
    assertThat(age.status()).isEqualTo(400);
    assertThat(age.body().path("message").asText())
        .contains("maximumEventAgeInSeconds")
        .contains("greater than or equal to 60");
  }

  // RetryPolicy and the dead-letter queue

  @Test
  @DisplayName(
      "retryPolicy_targetBusyTwice_deliveredOnTheThirdAttempt"
          + " (User Guide, event retry policy: failed deliveries are retried)")
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
  private long deliveredWithin(Duration limit) {
    dev.idem.local.Await.until("a delivery counted", limit, () -> service.stats().delivered() > 0);
    return service.stats().delivered();
  }

  @Test
  @DisplayName(
      "retryPolicy_retriesExhausted_deadLetteredWithMaximumRetryAttempts"
          + " (User Guide, dead-letter queues: message attributes include the exhausted retry"
          + " condition and retry attempts)")
  void retryPolicy_retriesExhausted_deadLetteredWithMaximumRetryAttempts() throws Exception {
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
        .containsEntry("ERROR_CODE", "SqsException")
        .containsEntry("RULE_ARN", "arn:aws:events:us-east-1:000000000000:rule/r")
        .containsEntry("TARGET_ARN", QUEUE)
        .containsKey("ERROR_MESSAGE");
  }

  @Test
  @DisplayName(
      "retryPolicy_zeroRetryAttempts_deadLetteredAfterTheFirstAttempt"
          + " (API Reference, RetryPolicy: MaximumRetryAttempts minimum 0)")
  void retryPolicy_zeroRetryAttempts_deadLetteredAfterTheFirstAttempt() throws Exception {
    sender.busy = QUEUE;
    sender.busyAnswers.set(100);
    rule(
        """
        {"Id": "t", "Arn": "%s", "DeadLetterConfig": {"Arn": "%s"},
         "RetryPolicy": {"MaximumRetryAttempts": 0}}\
        """
            .formatted(QUEUE, DLQ));

    calls.putEvent("s", "T", "{}");

    EventTargetSender.Message parked = sender.next();
    assertThat(parked.targetArn()).isEqualTo(DLQ);
    assertThat(parked.attributes())
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
        .containsEntry("RETRY_ATTEMPTS", "0");
    assertThat(sender.attempts.get()).isEqualTo(2); // the target once, then its dead-letter queue
  }

  @Test
  @DisplayName(
      "retryPolicy_eventOlderThanItsMaximumAge_deadLetteredWithMaximumEventAgeInSeconds"
          + " (User Guide, event retry policy: retries last as long as the retry policy's event"
          + " age; dead-letter queues: the exhausted retry condition)")
  void retryPolicy_eventOlderThanItsMaximumAge_deadLetteredWithMaximumEventAgeInSeconds()
      throws Exception {
    sender.busy = QUEUE;
    sender.busyAnswers.set(Integer.MAX_VALUE);
    rule(
        """
        {"Id": "t", "Arn": "%s", "DeadLetterConfig": {"Arn": "%s"},
         "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 60}}\
        """
            .formatted(QUEUE, DLQ));

    calls.putEvent("s", "T", "{}");
    dev.idem.local.Await.until(
        "a first failed attempt", Duration.ofSeconds(5), () -> sender.attempts.get() > 0);
    clock.advance(Duration.ofSeconds(61));

    EventTargetSender.Message parked = sender.next();
    assertThat(parked.targetArn()).isEqualTo(DLQ);
    assertThat(parked.attributes())
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds");
    // Retries made: every send to the target but the first; the last send was the dead letter.
    assertThat(parked.attributes())
        .containsEntry("RETRY_ATTEMPTS", Integer.toString(sender.attempts.get() - 2));
  }

  @Test
  @DisplayName(
      "retryPolicy_failureThatWillNotPass_deadLetteredWithoutRetry"
          + " (User Guide, event retry policy: a target that no longer exists or missing"
          + " permissions go to the DLQ without retry attempts)")
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

  @Test
  @DisplayName(
      "retryPolicy_noDeadLetterQueue_eventDroppedAndCountedLost"
          + " (User Guide, event retry policy: after all retry attempts the event is dropped)")
  void retryPolicy_noDeadLetterQueue_eventDroppedAndCountedLost() {
    sender.failing = QUEUE;
    rule("{\"Id\": \"t\", \"Arn\": \"" + QUEUE + "\"}");

    calls.putEvent("s", "T", "{}");

    dev.idem.local.Await.until(
        "the event counted lost", Duration.ofSeconds(5), () -> service.stats().failed() == 1);
    assertThat(sender.sent).isEmpty();
    assertThat(service.stats().deadLettered()).isZero();
  }
}
