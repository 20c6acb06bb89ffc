package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idem.local.edge.LocalAws;
import dev.idem.local.edge.LocalAwsExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local EventBridge's API answers, through the real SDK against the edge, as AWS recorded them.
 * "LocalStack snapshot" below names a test of repo localstack/localstack marked
 * {@code @markers.aws.validated}, in {@code tests/aws/services/events/}: its {@code .snapshot.json}
 * is what AWS answered. "API reference" is the Amazon EventBridge API Reference.
 */
@ExtendWith(LocalAwsExtension.class)
class EventBridgeValidationIT {

  private static PutEventsRequestEntry entry(String detail) {
    return PutEventsRequestEntry.builder().source("s").detailType("T").detail(detail).build();
  }

  private static EventBridgeException failure(Runnable call) {
    return catchThrowableOfType(EventBridgeException.class, call::run);
  }

  /** PutRule with this pattern failed with InvalidEventPatternException (400): its message. */
  private static String patternRefused(LocalAws aws, String rule, String pattern) {
    InvalidEventPatternException error =
        catchThrowableOfType(
            InvalidEventPatternException.class,
            () -> aws.clients().events().putRule(r -> r.name(rule).eventPattern(pattern)));
    assertThat(error.statusCode()).isEqualTo(400);
    return error.awsErrorDetails().errorMessage();
  }

  /** The whole call failed as AWS's request validation fails it: 400, ValidationException. */
  private static void assertValidationException(EventBridgeException error, String message) {
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  /** A target delivering to a queue; the queue need not exist for PutTargets. */
  private static Target.Builder queueTarget(String id) {
    return Target.builder().id(id).arn("arn:aws:sqs:us-east-1:000000000000:q");
  }

  /** Puts a rule, then the target on it, which is expected to fail. */
  private static EventBridgeException putTargetFails(
      LocalAws aws, String rule, Target.Builder target) {
    EventBridgeClient events = aws.clients().events();
    events.putRule(r -> r.name(rule).eventPattern("{\"source\":[\"x\"]}"));
    return failure(() -> events.putTargets(r -> r.rule(rule).targets(target.build())));
  }

  private static String queueArn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings()
        .get("QueueArn");
  }

  private static List<Message> receive(SqsClient sqs, String url, int count) {
    List<Message> received = new ArrayList<>();
    dev.idem.local.Await.until(
        "messages in " + url,
        java.time.Duration.ofSeconds(10),
        () -> {
          received.addAll(
              sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10))
                  .messages());
          return received.size() >= count;
        });
    return received;
  }

  /** LocalStack snapshot test_events.py::TestEvents::test_put_events_exceed_limit_ten_entries. */
  @Test
  void putEvents_elevenEntries_validationExceptionNamingEveryEntry(LocalAws aws) {
    PutEventsRequestEntry one =
        PutEventsRequestEntry.builder()
            .source("core.update-account-command")
            .detailType("core.update-account-command")
            .detail("{\"command\": \"update-account\"}")
            .eventBusName("eb-val-bus")
            .build();
    String listed =
        "PutEventsRequestEntry(time=null, source=core.update-account-command, resources=null,"
            + " detailType=core.update-account-command, detail={\"command\": \"update-account\"},"
            + " eventBusName=eb-val-bus, traceHeader=null, kmsKeyIdentifier=null,"
            + " internalMetadata=null)";

    EventBridgeException error =
        failure(() ->
            aws.clients()
                .events()
                .putEvents(r -> r.entries(java.util.Collections.nCopies(11, one))));

    assertValidationException(
        error,
        "1 validation error detected: Value '["
            + String.join(", ", java.util.Collections.nCopies(11, listed))
            + "]' at 'entries' failed to satisfy constraint: Member must have length less than"
            + " or equal to 10");
  }

  /**
   * API reference, PutEvents: Entries has "Minimum number of 1 item"; the message is written in the
   * format AWS recorded for the maximum (test_put_events_exceed_limit_ten_entries).
   */
  @Test
  void putEvents_noEntries_validationExceptionLengthAtLeastOne(LocalAws aws) {
    EventBridgeException error =
        failure(() -> aws.clients().events().putEvents(r -> r.entries(List.of())));

    assertValidationException(
        error,
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint:"
            + " Member must have length greater than or equal to 1");
  }

  /**
   * LocalStack snapshots test_put_events_without_source, test_put_event_without_detail_type,
   * test_put_event_without_detail: HTTP 200, the entry fails with InvalidArgument.
   */
  @Test
  void putEvents_missingSourceDetailTypeOrDetail_invalidArgumentForThatEntry(LocalAws aws) {
    PutEventsResponse response =
        aws.clients()
            .events()
            .putEvents(r ->
                r.entries(
                    PutEventsRequestEntry.builder().detailType("T").detail("{}").build(),
                    PutEventsRequestEntry.builder().source("s").detail("{}").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("T").build(),
                    entry("{}")));

    assertThat(response.failedEntryCount()).isEqualTo(3);
    assertThat(response.entries())
        .extracting(e -> e.errorCode() + ": " + e.errorMessage())
        .containsExactly(
            "InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.",
            "InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required"
                + " argument.",
            "InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.",
            "null: null");
    assertThat(response.entries().get(3).eventId()).isNotBlank();
  }

  /**
   * LocalStack snapshot test_put_event_malformed_detail[STRING|ARRAY|MALFORMED_JSON|
   * SERIALIZED_STRING]: MalformedDetail, "Detail is malformed.".
   */
  @Test
  void putEvents_detailNotAJsonObject_malformedDetail(LocalAws aws) {
    PutEventsResponse response =
        aws.clients()
            .events()
            .putEvents(r ->
                r.entries(
                    entry("plain string"),
                    entry("[\"a\"]"),
                    entry("{\"a\": "),
                    entry("\"{\\\"a\\\": 1}\"")));

    assertThat(response.failedEntryCount()).isEqualTo(4);
    assertThat(response.entries())
        .allSatisfy(e -> {
          assertThat(e.errorCode()).isEqualTo("MalformedDetail");
          assertThat(e.errorMessage()).isEqualTo("Detail is malformed.");
        });
  }

  /**
   * LocalStack snapshot test_put_event_with_too_big_detail (whole call: 400 ValidationException);
   * the user guide's "Calculating PutEvents event entry size": the total entry size of the request
   * must be less than 256 KB. Two entries of 130 KB each pass alone and fail together.
   */
  @Test
  void putEvents_entriesTogetherOver256Kb_wholeCallValidationException(LocalAws aws) {
    String detail = "{\"x\":\"" + "a".repeat(130 * 1024) + "\"}";
    EventBridgeClient events = aws.clients().events();

    PutEventsResponse alone = events.putEvents(r -> r.entries(entry(detail)));
    EventBridgeException together =
        failure(() -> events.putEvents(r -> r.entries(entry(detail), entry(detail))));

    assertThat(alone.failedEntryCount()).isZero();
    assertValidationException(
        together, "Total size of the entries in the request is over the limit.");
  }

  /**
   * LocalStack snapshot test_events.py::TestEventBus::test_put_events_nonexistent_event_bus: an
   * entry for a bus that does not exist gets an EventId (FailedEntryCount 0) and goes nowhere; the
   * other entry of the call is delivered.
   */
  @Test
  void putEvents_busThatDoesNotExist_eventIdAndDroppedWhileOthersDelivered(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(r -> r.queueName("eb-val-nobus")).queueUrl();
    EventBridgeClient events = aws.clients().events();
    events.putRule(r -> r.name("eb-val-nobus").eventPattern("{\"source\":[\"eb-val-nobus\"]}"));
    events.putTargets(r ->
        r.rule("eb-val-nobus").targets(Target.builder().id("q").arn(queueArn(sqs, url)).build()));

    PutEventsResponse response =
        events.putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .source("eb-val-nobus")
                    .detailType("T")
                    .detail("{\"to\":\"default\"}")
                    .build(),
                PutEventsRequestEntry.builder()
                    .eventBusName("eb-val-no-such-bus")
                    .source("eb-val-nobus")
                    .detailType("T")
                    .detail("{\"to\":\"missing\"}")
                    .build()));
    List<Message> received = receive(sqs, url, 1);

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
    assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).contains("default"));
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> events.describeEventBus(r -> r.name("eb-val-no-such-bus"))))
        .hasMessageStartingWith("Event bus eb-val-no-such-bus does not exist.");
  }

  /** API reference, PutEventsRequestEntry.EventBusName: "The name or ARN of the event bus". */
  @Test
  void putEvents_busGivenByArn_deliveredToThatBus(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(r -> r.queueName("eb-val-arn")).queueUrl();
    EventBridgeClient events = aws.clients().events();
    String busArn = events.createEventBus(r -> r.name("eb-val-arn-bus")).eventBusArn();
    events.putRule(
        r -> r.name("eb-val-arn").eventBusName(busArn).eventPattern("{\"source\":[\"s\"]}"));
    events.putTargets(r ->
        r.rule("eb-val-arn")
            .eventBusName(busArn)
            .targets(Target.builder().id("q").arn(queueArn(sqs, url)).build()));

    PutEventsResponse response =
        events.putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .eventBusName(busArn)
                    .source("s")
                    .detailType("T")
                    .detail("{}")
                    .build()));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(receive(sqs, url, 1)).hasSize(1);
  }

  /**
   * LocalStack snapshot test_events.py::TestEvents::test_put_events_with_target_delivery_failure:
   * PutEvents answers an EventId though the target queue is gone (FailedEntryCount 0); the delivery
   * fails afterwards, and with a dead-letter queue the event lands there.
   */
  @Test
  void putEvents_targetQueueDeletedAfterPutTargets_succeedsAndDeliveryFailsLater(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String gone = sqs.createQueue(r -> r.queueName("eb-val-gone")).queueUrl();
    String goneArn = queueArn(sqs, gone);
    String dlq = sqs.createQueue(r -> r.queueName("eb-val-gone-dlq")).queueUrl();
    String dlqArn = queueArn(sqs, dlq);
    EventBridgeClient events = aws.clients().events();
    events.putRule(r -> r.name("eb-val-gone").eventPattern("{\"source\":[\"eb-val-gone\"]}"));
    events.putTargets(r ->
        r.rule("eb-val-gone")
            .targets(
                Target.builder()
                    .id("q")
                    .arn(goneArn)
                    .deadLetterConfig(d -> d.arn(dlqArn))
                    .build()));
    sqs.deleteQueue(r -> r.queueUrl(gone));

    PutEventsResponse response =
        events.putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .source("eb-val-gone")
                    .detailType("T")
                    .detail("{}")
                    .build()));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(receive(sqs, dlq, 1))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains(response.entries().get(0).eventId()));
  }

  /**
   * LocalStack snapshot test_events_patterns.py::test_event_pattern[int_nolist_EXC] (its
   * MessageRaw: the reason, then the parser's location); AWS's PutRule answers patterns the same
   * way (CDK deploy output quoted in aws/aws-cdk issues: "Event pattern is not valid. Reason:
   * "lenderId" must be an object or an array at [Source: ...]").
   */
  @Test
  void putRule_valueNotInAList_invalidEventPatternWithReasonAndLocation(LocalAws aws) {
    assertThat(patternRefused(aws, "eb-val-int", "{\"int\": 42}"))
        .isEqualTo(
            "Event pattern is not valid. Reason: \"int\" must be an object or an array\n"
                + " at [Source: (String)\"{\"int\": 42}\"; line: 1, column: 11]");
  }

  /**
   * LocalStack snapshot test_event_pattern[content_numeric_operatorcasing_EXC] and
   * [operator_case_sensitive_EXC]: operators are case-sensitive.
   */
  @Test
  void putRule_unknownOperator_invalidEventPatternUnrecognizedMatchType(LocalAws aws) {
    String pattern = "{\"detail\": {\"equal\": [{\"NUMERIC\": [\"=\", 5]}]}}";

    assertThat(patternRefused(aws, "eb-val-op", pattern))
        .isEqualTo(
            "Event pattern is not valid. Reason: Unrecognized match type NUMERIC\n at [Source:"
                + " (String)\""
                + pattern
                + "\"; line: 1, column: 36]");
  }

  /** LocalStack snapshot test_event_pattern[content_numeric_syntax_EXC]. */
  @Test
  void putRule_numericComparedWithNothing_invalidEventPatternValueMustBeNumeric(LocalAws aws) {
    String pattern = "{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<\"]}]}}";

    assertThat(patternRefused(aws, "eb-val-num", pattern))
        .startsWith("Event pattern is not valid. Reason: Value of < must be numeric\n at [Source:");
  }

  /**
   * API reference, PutRule Name: length 1-64, pattern [\.\-_A-Za-z0-9]+; message format and order
   * (length before pattern, "2 validation errors") as LocalStack snapshot
   * test_create_connection_validations recorded it for the same constraints on a name.
   */
  @Test
  void putRule_nameTooLongAndWithSpaces_twoValidationErrors(LocalAws aws) {
    String name = "bad name " + "x".repeat(60);

    EventBridgeException error =
        failure(() -> aws.clients().events().putRule(r -> r.name(name).eventPattern("{}")));

    assertValidationException(
        error,
        "2 validation errors detected: Value '"
            + name
            + "' at 'name' failed to satisfy constraint: Member must have length less than or"
            + " equal to 64; Value '"
            + name
            + "' at 'name' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\.\\-_A-Za-z0-9]+");
  }

  /**
   * API reference, PutRule State: ENABLED | DISABLED |
   * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; enum message format as LocalStack snapshot
   * test_create_connection_validations recorded it.
   */
  @Test
  void putRule_unknownState_validationExceptionEnumValueSet(LocalAws aws) {
    EventBridgeException error =
        failure(() ->
            aws.clients()
                .events()
                .putRule(r -> r.name("eb-val-state").eventPattern("{}").state("ON")));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [ENABLED, DISABLED,"
                + " ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
  }

  /** LocalStack snapshot test_put_events_nonexistent_event_bus ("non-existent-bus-error"). */
  @Test
  void putRule_busThatDoesNotExist_resourceNotFound(LocalAws aws) {
    ResourceNotFoundException error =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () ->
                aws.clients()
                    .events()
                    .putRule(r -> r.name("r").eventBusName("eb-val-nope").eventPattern("{}")));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Event bus eb-val-nope does not exist.");
  }

  /** LocalStack snapshot test_events.py::TestEventRule::test_describe_nonexistent_rule. */
  @Test
  void describeRule_ruleThatDoesNotExist_resourceNotFoundNamingBus(LocalAws aws) {
    ResourceNotFoundException error =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> aws.clients().events().describeRule(r -> r.name("eb-val-none")));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Rule eb-val-none does not exist on EventBus default.");
  }

  /**
   * AWS's answer as a CloudFormation deployment quoted it ("ScheduleExpression is supported only on
   * the default event bus. (Service: EventBridge, Status Code: 400)").
   */
  @Test
  void putRule_scheduleOnCustomBus_validationException(LocalAws aws) {
    EventBridgeClient events = aws.clients().events();
    events.createEventBus(r -> r.name("eb-val-sched-bus"));

    EventBridgeException error =
        failure(() ->
            events.putRule(r ->
                r.name("eb-val-sched")
                    .eventBusName("eb-val-sched-bus")
                    .scheduleExpression("rate(5 minutes)")));

    assertValidationException(
        error, "ScheduleExpression is supported only on the default event bus.");
  }

  /**
   * API reference, DeleteRule: "If you call delete rule multiple times for the same rule, all calls
   * will succeed. When you call delete rule for a non-existent custom eventbus,
   * ResourceNotFoundException is returned."
   */
  @Test
  void deleteRule_twiceAndOnMissingBus_succeedsThenResourceNotFound(LocalAws aws) {
    EventBridgeClient events = aws.clients().events();
    events.putRule(r -> r.name("eb-val-del").eventPattern("{\"source\":[\"x\"]}"));

    events.deleteRule(r -> r.name("eb-val-del"));
    events.deleteRule(r -> r.name("eb-val-del"));
    ResourceNotFoundException missingBus =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> events.deleteRule(r -> r.name("eb-val-del").eventBusName("eb-val-del-nobus")));

    assertThat(events.listRules(r -> r.namePrefix("eb-val-del")).rules()).isEmpty();
    assertThat(missingBus.awsErrorDetails().errorMessage())
        .isEqualTo("Event bus eb-val-del-nobus does not exist.");
  }

  /** LocalStack snapshot test_events.py::TestEventTarget::test_add_exceed_fife_targets_per_rule. */
  @Test
  void putTargets_sevenTargetsOnOneRule_limitExceededAndNoneAdded(LocalAws aws) {
    EventBridgeClient events = aws.clients().events();
    events.putRule(r -> r.name("eb-val-seven").eventPattern("{\"source\":[\"x\"]}"));
    List<Target> seven =
        IntStream.range(0, 7)
            .mapToObj(i ->
                Target.builder().id("t" + i).arn("arn:aws:sqs:us-east-1:000000000000:q").build())
            .toList();

    LimitExceededException error =
        catchThrowableOfType(
            LimitExceededException.class,
            () -> events.putTargets(r -> r.rule("eb-val-seven").targets(seven)));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("The requested resource exceeds the maximum number allowed.");
    assertThat(events.listTargetsByRule(r -> r.rule("eb-val-seven")).targets()).isEmpty();
  }

  /** LocalStack snapshot test_events.py::TestEventTarget::test_put_target_id_validation. */
  @Test
  void putTargets_idWithInvalidCharacters_validationExceptionAtMemberIndex(LocalAws aws) {
    EventBridgeException error = putTargetFails(aws, "eb-val-id", queueTarget("!@#$@!#$"));

    assertValidationException(
        error,
        "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to"
            + " satisfy constraint: Member must satisfy regular expression pattern:"
            + " [\\.\\-_A-Za-z0-9]+");
  }

  /**
   * LocalStack snapshot test_put_target_id_validation ("put-targets-length-error"): an Id longer
   * than 64 characters.
   */
  @Test
  void putTargets_idLongerThan64_validationExceptionLength(LocalAws aws) {
    String id = "i".repeat(65);

    EventBridgeException error = putTargetFails(aws, "eb-val-idlen", queueTarget(id));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value '"
                + id
                + "' at 'targets.1.member.id' failed to satisfy constraint: Member must have length"
                + " less than or equal to 64");
  }

  /**
   * API reference, Target: Arn is required; the message is the one AWS's request validation writes
   * for a missing member, in the format recorded above for the Id.
   */
  @Test
  void putTargets_targetWithoutArn_validationExceptionMustNotBeNull(LocalAws aws) {
    EventBridgeException error = putTargetFails(aws, "eb-val-noarn", Target.builder().id("ok"));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value null at 'targets.1.member.arn' failed to satisfy"
                + " constraint: Member must not be null");
  }

  /**
   * A PutTargets Rule given as an ARN, as AWS answered it (aws/aws-sdk-js-v3 issue 2240: "Value
   * 'arn:aws:events:eu-west-1:...:rule/Test' at 'rule' failed to satisfy constraint: Member must
   * satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+").
   */
  @Test
  void putTargets_ruleGivenAsArn_validationExceptionAtRule(LocalAws aws) {
    String arn = "arn:aws:events:us-east-1:000000000000:rule/eb-val-x";

    EventBridgeException error =
        failure(() ->
            aws.clients().events().putTargets(r -> r.rule(arn).targets(queueTarget("t").build())));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value '"
                + arn
                + "' at 'rule' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: [\\.\\-_A-Za-z0-9]+");
  }

  /**
   * LocalStack snapshot test_events_inputs.py::test_put_event_input_path_and_input_transformer
   * ("duplicated-input-operations-error"; the provider's message that snapshot verifies).
   */
  @Test
  void putTargets_inputPathAndInputTransformer_validationExceptionOnlyOne(LocalAws aws) {
    EventBridgeException error =
        putTargetFails(
            aws,
            "eb-val-two",
            queueTarget("t2")
                .inputPath("$.detail")
                .inputTransformer(t -> t.inputTemplate("\"x\"")));

    assertValidationException(
        error, "Only one of Input, InputPath, or InputTransformer must be provided for target t2.");
    assertThat(aws.clients().events().listTargetsByRule(r -> r.rule("eb-val-two")).targets())
        .isEmpty();
  }

  /**
   * AWS's answer to an Input that is not JSON, as ansible-collections/community.aws issue 201
   * quotes it: "ValidationException ... PutTargets operation: JSON syntax error in input for target
   * clone_lambda: [Source: (String)\"{'db_name':...\"; line: 1, column: 3]".
   */
  @Test
  void putTargets_inputNotJson_validationExceptionJsonSyntaxError(LocalAws aws) {
    EventBridgeException error =
        putTargetFails(aws, "eb-val-input", queueTarget("clone_lambda").input("{'db_name': 'x'}"));

    assertThat(error.awsErrorDetails().errorMessage())
        .startsWith(
            "JSON syntax error in input for target clone_lambda: [Source: (String)\"{'db_name':"
                + " 'x'}\"; line: 1, column: ");
  }

  /**
   * LocalStack snapshot test_events_inputs.py::test_put_events_with_input_transformer_missing_keys
   * ("missing-key-exception-error"; the provider's message that snapshot verifies).
   */
  @Test
  void putTargets_templateVariableNotInPathsMap_validationExceptionInvalidPlaceholder(
      LocalAws aws) {
    EventBridgeException error =
        putTargetFails(
            aws,
            "eb-val-var",
            queueTarget("t")
                .inputTransformer(t ->
                    t.inputPathsMap(java.util.Map.of("detail-type", "$.detail-type"))
                        .inputTemplate(
                            "\"Event of <detail-type> type, with not defined key"
                                + " <notdefinedkey>\"")));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("InputTemplate for target t contains invalid placeholder notdefinedkey.");
  }

  /**
   * LocalStack snapshot test_events_patterns.py::test_invalid_event_payload and
   * test_plain_string_payload: an Event without id, account, source, time, region and detail-type,
   * or not JSON, is "Parameter Event is not valid.".
   */
  @Test
  void testEventPattern_eventWithoutMandatoryFields_validationException(LocalAws aws) {
    String pattern = "{\"body\": {\"test2\": [{\"numeric\": [\">\", 100]}]}}";

    EventBridgeException notAnEvent =
        failure(() ->
            aws.clients()
                .events()
                .testEventPattern(
                    r -> r.event("{\"testEvent\": \"value\"}").eventPattern(pattern)));
    EventBridgeException notJson =
        failure(() ->
            aws.clients()
                .events()
                .testEventPattern(r -> r.event("plain string").eventPattern(pattern)));

    assertThat(List.of(notAnEvent, notJson))
        .allSatisfy(e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Parameter Event is not valid.");
        });
  }

  /** LocalStack snapshot test_events_patterns.py::test_invalid_json_event_pattern. */
  @Test
  void testEventPattern_patternNotAnObject_invalidEventPattern(LocalAws aws) {
    String event =
        "{\"id\": \"1\", \"source\": \"s\", \"detail-type\": \"t\", \"account\": \"123456789012\","
            + " \"region\": \"us-east-2\", \"time\": \"2022-07-13T13:48:01Z\", \"detail\": {}}";

    InvalidEventPatternException error =
        catchThrowableOfType(
            InvalidEventPatternException.class,
            () ->
                aws.clients()
                    .events()
                    .testEventPattern(r ->
                        r.event(event)
                            .eventPattern("[\"not\", \"a\", \"dict\", \"but valid json\"]")));

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)\"["
                + "\"not\", \"a\", \"dict\", \"but valid json\"]\"; line: 1, column: 2]");
  }
}
