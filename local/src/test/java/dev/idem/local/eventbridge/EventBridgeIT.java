package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.testing.ElasticMq;
import dev.idem.testing.LocalAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The EventBridge service behind its own endpoint, driven by the real SDK, delivering to ElasticMQ.
 */
class EventBridgeIT {

  private static final String PATTERN =
      "{\"source\":[\"idem.orders\"],\"detail-type\":[\"OrderPlaced\"],"
          + "\"detail\":{\"data\":{\"total\":[{\"numeric\":[\">=\",100000]}]}}}";

  private static ElasticMq sqsBackend;
  private static AwsClients sqsClients;
  private static EventBridgeService service;
  private static HttpEndpoint endpoint;
  private static AwsClients eventsClients;

  @BeforeAll
  static void start() {
    sqsBackend = ElasticMq.start();
    sqsClients = AwsClients.create(sqsBackend.endpoint());
    service = new EventBridgeService(new SqsTargetSender(sqsClients.sqs()), Clock.systemUTC());
    endpoint = HttpEndpoint.start("events", 0, service);
    eventsClients = AwsClients.create(endpoint.url());
  }

  @AfterAll
  static void stop() {
    eventsClients.close();
    endpoint.close();
    service.close();
    sqsClients.close();
    sqsBackend.close();
  }

  private static PutEventsRequestEntry order(long total) {
    return PutEventsRequestEntry.builder()
        .source("idem.orders")
        .detailType("OrderPlaced")
        .detail("{\"data\":{\"total\":" + total + "}}")
        .build();
  }

  private static List<Message> receiveUntil(SqsClient sqs, String url, int count) {
    List<Message> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (received.size() < count && Instant.now().isBefore(deadline)) {
      received.addAll(
          sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10))
              .messages());
    }
    return received;
  }

  @Test
  void putEvents_ruleWithSqsTarget_onlyMatchingEventReachesQueue() {
    SqsClient sqs = sqsClients.sqs();
    EventBridgeClient events = eventsClients.events();
    String url = sqs.createQueue(r -> r.queueName("eb-it-review")).queueUrl();
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    events.putRule(r -> r.name("eb-it-high-value").eventPattern(PATTERN));
    events.putTargets(
        r -> r.rule("eb-it-high-value").targets(Target.builder().id("review").arn(arn).build()));

    events.putEvents(r -> r.entries(order(99_999)));
    events.putEvents(r -> r.entries(order(150_000)));
    List<Message> received = receiveUntil(sqs, url, 1);

    assertThat(received).hasSize(1);
    assertThat(received.get(0).body())
        .contains("\"total\":150000")
        .contains("\"detail-type\":\"OrderPlaced\"");
  }

  @Test
  void putEvents_targetQueueMissing_eventInDeadLetterQueueWithAttributes() {
    SqsClient sqs = sqsClients.sqs();
    String dlqUrl = sqs.createQueue(r -> r.queueName("eb-it-dlq")).queueUrl();
    String dlqArn = LocalAccount.arn("sqs", "eb-it-dlq");
    eventsClients
        .events()
        .putRule(r -> r.name("eb-it-dead").eventPattern("{\"source\":[\"dead\"]}"));
    eventsClients
        .events()
        .putTargets(r ->
            r.rule("eb-it-dead")
                .targets(
                    Target.builder()
                        .id("missing")
                        .arn(LocalAccount.arn("sqs", "eb-it-no-such-queue"))
                        .deadLetterConfig(d -> d.arn(dlqArn))
                        .build()));

    eventsClients
        .events()
        .putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .source("dead")
                    .detailType("T")
                    .detail("{}")
                    .build()));
    List<Message> parked = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (parked.isEmpty() && Instant.now().isBefore(deadline)) {
      parked.addAll(
          sqs.receiveMessage(
                  r -> r.queueUrl(dlqUrl).waitTimeSeconds(1).messageAttributeNames("All"))
              .messages());
    }

    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).messageAttributes().get("RULE_ARN").stringValue())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/eb-it-dead");
    assertThat(parked.get(0).messageAttributes().get("ERROR_CODE").stringValue())
        .isEqualTo("QueueDoesNotExistException");
  }

  @Test
  @DisplayName(
      "deadLetter_targetQueueMissing_attributesNamedAsTheUserGuideAllOfTypeString"
          + " (User Guide, event retry policy and dead-letter queues: Error Code, Error Message,"
          + " Rule ARN, Retry Attempts, Target ARN; no retry for a resource that no longer"
          + " exists)")
  void deadLetter_targetQueueMissing_attributesNamedAsTheUserGuideAllOfTypeString() {
    SqsClient sqs = sqsClients.sqs();
    String dlqUrl = sqs.createQueue(r -> r.queueName("eb-it-types-dlq")).queueUrl();
    String missing = LocalAccount.arn("sqs", "eb-it-types-no-such-queue");
    EventBridgeClient events = eventsClients.events();
    events.putRule(r -> r.name("eb-it-types").eventPattern("{\"source\":[\"types\"]}"));
    events.putTargets(r ->
        r.rule("eb-it-types")
            .targets(
                Target.builder()
                    .id("missing")
                    .arn(missing)
                    .deadLetterConfig(d -> d.arn(LocalAccount.arn("sqs", "eb-it-types-dlq")))
                    .build()));

    events.putEvents(r ->
        r.entries(
            PutEventsRequestEntry.builder().source("types").detailType("T").detail("{}").build()));
    Message parked = receiveWithAttributes(sqs, dlqUrl);

    var attributes = parked.messageAttributes();
    assertThat(attributes)
        .containsOnlyKeys(
            "RULE_ARN", "TARGET_ARN", "ERROR_CODE", "ERROR_MESSAGE", "RETRY_ATTEMPTS");
    assertThat(attributes.values()).allSatisfy(a -> assertThat(a.dataType()).isEqualTo("String"));
    assertThat(attributes.get("TARGET_ARN").stringValue()).isEqualTo(missing);
    assertThat(attributes.get("RETRY_ATTEMPTS").stringValue()).isEqualTo("0");
    assertThat(parked.body()).contains("\"source\":\"types\"");
  }

  private static Message receiveWithAttributes(SqsClient sqs, String url) {
    List<Message> parked = new ArrayList<>();
    dev.idem.local.Await.until(
        "a dead letter on " + url,
        Duration.ofSeconds(10),
        () ->
            parked.addAll(
                    sqs.receiveMessage(
                            r -> r.queueUrl(url).waitTimeSeconds(1).messageAttributeNames("All"))
                        .messages())
                || !parked.isEmpty());
    return parked.get(0);
  }

  @Test
  @DisplayName(
      "putTargets_templateWithAnUndefinedPlaceholder_sdkThrowsValidationException"
          + " (AWS-recorded: test_events_inputs TestInputTransformer"
          + "::test_put_events_with_input_transformer_missing_keys)")
  void putTargets_templateWithAnUndefinedPlaceholder_sdkThrowsValidationException() {
    EventBridgeClient events = eventsClients.events();
    events.putRule(r -> r.name("eb-it-bad-template").eventPattern("{\"source\":[\"x\"]}"));

    assertThatThrownBy(() ->
            events.putTargets(r ->
                r.rule("eb-it-bad-template")
                    .targets(
                        Target.builder()
                            .id("t1")
                            .arn(LocalAccount.arn("sqs", "eb-it-review"))
                            .inputTransformer(i ->
                                i.inputPathsMap(java.util.Map.of("detail-type", "$.detail-type"))
                                    .inputTemplate("\"<detail-type> and <notdefinedkey>\""))
                            .build())))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "InputTemplate for target t1 contains invalid placeholder notdefinedkey.");
            });
  }

  @Test
  @DisplayName(
      "putEvents_jsonTemplateWithAPathMatchingNothing_queueGetsAnEmptyString"
          + " (AWS-recorded: test_events_inputs TestInputTransformer"
          + "::test_put_events_with_input_transformer_input_template_json)")
  void putEvents_jsonTemplateWithAPathMatchingNothing_queueGetsAnEmptyString() {
    SqsClient sqs = sqsClients.sqs();
    String url = sqs.createQueue(r -> r.queueName("eb-it-transformed")).queueUrl();
    EventBridgeClient events = eventsClients.events();
    events.putRule(r -> r.name("eb-it-transform").eventPattern("{\"source\":[\"shape\"]}"));
    events.putTargets(r ->
        r.rule("eb-it-transform")
            .targets(
                Target.builder()
                    .id("shaped")
                    .arn(LocalAccount.arn("sqs", "eb-it-transformed"))
                    .inputTransformer(i ->
                        i.inputPathsMap(
                                java.util.Map.of(
                                    "detail-type", "$.detail-type",
                                    "command", "$.detail.notinmessage"))
                            .inputTemplate(
                                "{\"detailType\": <detail-type>, \"command\": <command>}"))
                    .build()));

    events.putEvents(r ->
        r.entries(
            PutEventsRequestEntry.builder()
                .source("shape")
                .detailType("core.update-account-command")
                .detail("{\"command\":\"update-account\"}")
                .build()));
    List<Message> received = receiveUntil(sqs, url, 1);

    assertThat(received).hasSize(1);
    assertThat(received.get(0).body())
        .isEqualTo("{\"detailType\": \"core.update-account-command\", \"command\": \"\"}");
  }

  @Test
  void putEvents_invalidAndValidEntry_perEntryErrorAndEventId() {
    PutEventsResponse response =
        eventsClients
            .events()
            .putEvents(r ->
                r.entries(
                    order(1),
                    PutEventsRequestEntry.builder()
                        .source("s")
                        .detailType("T")
                        .detail("[not an object]")
                        .build()));

    assertThat(response.failedEntryCount()).isEqualTo(1);
    List<PutEventsResultEntry> entries = response.entries();
    assertThat(entries.get(0).eventId()).isNotBlank();
    assertThat(entries.get(0).errorCode()).isNull();
    assertThat(entries.get(1).errorCode()).isEqualTo("MalformedDetail");
    assertThat(entries.get(1).eventId()).isNull();
  }

  @Test
  void describeRule_afterPutRule_sdkReadsItBack() {
    EventBridgeClient events = eventsClients.events();
    events.putRule(r -> r.name("eb-it-described").eventPattern(PATTERN).description("high value"));

    var described = events.describeRule(r -> r.name("eb-it-described"));

    assertThat(described.arn())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/eb-it-described");
    assertThat(described.eventPattern()).isEqualTo(PATTERN);
    assertThat(described.stateAsString()).isEqualTo("ENABLED");
    assertThat(described.description()).isEqualTo("high value");
  }
}
