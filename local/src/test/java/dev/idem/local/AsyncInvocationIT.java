package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.asyncapp.RecordHandler;
import dev.idem.local.lambda.AsyncDelays;
import dev.idem.testing.TestClock;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code templates/async/template.yaml} run locally: EventBridge rules with Lambda targets (SAM's
 * {@code EventBridgeRule} and a plain {@code AWS::Events::Rule}), a {@code rate(1 minute)} schedule
 * and a {@code ScheduleV2} firing on a test clock, and asynchronous invocations with their
 * destinations and dead-letter queue, through the real SDK clients. Time is a {@link TestClock}
 * checked every 20 ms; the asynchronous queue waits 50 ms where Lambda waits minutes.
 */
class AsyncInvocationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String APP_PACKAGE = "dev/idem/local/asyncapp/";

  @TempDir static Path project;

  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-07T03:00:00Z"));
  private static TestClouds.Console console;
  private static LocalCloud cloud;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    Path template = project.resolve("template.yaml");
    try (InputStream yaml =
        AsyncInvocationIT.class.getResourceAsStream("/templates/async/template.yaml")) {
      Files.copy(yaml, template);
    }
    buildJar(Files.createDirectories(project.resolve("build")).resolve("async-app-1.0.jar"));
    console = new TestClouds.Console("AsyncInvocationIT");
    cloud =
        LocalCloud.start(
            LocalCloud.Options.builder()
                .project(template)
                .freePorts()
                .concurrencyLimit(2)
                .console(console)
                .timing(
                    new Timing(
                        CLOCK, Duration.ofMillis(20), AsyncDelays.all(Duration.ofMillis(50))))
                .build());
    lambda =
        LambdaClient.builder()
            .endpointOverride(cloud.awsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  @DisplayName(
      "putEvents_samEventBridgeRuleWithInputTransformer_functionReceivesTheTransformedInput"
          + " (SAM: EventBridgeRule; EventBridge: input transformation)")
  void putEvents_samEventBridgeRuleWithInputTransformer_functionReceivesTheTransformedInput() {
    putEvent("OrderPlaced", "{\"id\":\"o-1\"}");

    JsonNode received =
        awaitReceived("recorder", event -> event.path("order").asText().equals("o-1"));
    assertThat(received.path("via").asText()).isEqualTo("sam");
  }

  @Test
  @DisplayName(
      "putEvents_cloudFormationRuleWithFunctionTarget_functionReceivesTheTransformedInput"
          + " (AWS::Events::Rule Target Arn: Fn::GetAtt function Arn)")
  void putEvents_cloudFormationRuleWithFunctionTarget_functionReceivesTheTransformedInput() {
    putEvent("OrderShipped", "{\"id\":\"o-2\"}");

    JsonNode received =
        awaitReceived("plain-recorder", event -> event.path("order").asText().equals("o-2"));
    assertThat(received.path("via").asText()).isEqualTo("cfn");
    assertThat(received.path("rule").asText()).isEqualTo("ShippedRule");
  }

  @Test
  @DisplayName(
      "clock_aMinutePassesOnARateOneMinuteSchedule_functionReceivesTheScheduledEvent"
          + " (EventBridge User Guide: scheduled event example)")
  void clock_aMinutePassesOnARateOneMinuteSchedule_functionReceivesTheScheduledEvent() {
    CLOCK.advance(Duration.ofMinutes(1));

    JsonNode event =
        awaitReceived("recorder", e -> e.path("detail-type").asText().equals("Scheduled Event"));
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/RecorderEveryMinute");
    assertThat(event.path("detail").isEmpty()).isTrue();
    assertThat(Instant.parse(event.path("time").asText()))
        .isAfter(Instant.parse("2026-12-07T03:00:00Z"));
  }

  @Test
  @DisplayName(
      "clock_reachesEightInParis_scheduleV2DeliversItsInput"
          + " (SAM: ScheduleV2, ScheduleExpressionTimezone)")
  void clock_reachesEightInParis_scheduleV2DeliversItsInput() {
    CLOCK.set(Instant.parse("2026-12-07T07:00:00Z"));

    awaitReceived("recorder", event -> event.path("via").asText().equals("scheduler"));
  }

  @Test
  @DisplayName(
      "invoke_eventThatAlwaysFails_retriesExhaustedRecordOnFailureAndEventInTheDeadLetterQueue"
          + " (Lambda: asynchronous invocation, destinations, dead-letter queues)")
  void invoke_eventThatAlwaysFails_retriesExhaustedRecordOnFailureAndEventInTheDeadLetterQueue()
      throws Exception {
    String payload = "{\"fail\":true,\"n\":\"f-1\"}";

    InvokeResponse response = invokeEvent(payload);

    assertThat(response.statusCode()).isEqualTo(202);
    String requestId = response.responseMetadata().requestId();
    JsonNode record =
        awaitMessage("Failures", m -> m.body().contains("f-1")).map(AsyncInvocationIT::json).get();
    assertThat(record.path("version").asText()).isEqualTo("1.0");
    assertThat(record.path("requestContext").path("condition").asText())
        .isEqualTo("RetriesExhausted");
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(requestId);
    assertThat(record.path("requestContext").path("functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:recorder:$LATEST");
    assertThat(record.path("requestPayload").path("n").asText()).isEqualTo("f-1");
    assertThat(record.path("responseContext").path("functionError").asText())
        .isEqualTo("Unhandled");
    assertThat(record.path("responsePayload").path("errorMessage").asText())
        .isEqualTo("asked to fail");
    Message dead = awaitMessage("Dlq", m -> m.body().contains("f-1")).get();
    assertThat(json(dead).path("n").asText()).isEqualTo("f-1");
    assertThat(dead.messageAttributes().get("RequestID").stringValue()).isEqualTo(requestId);
    assertThat(dead.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
    assertThat(dead.messageAttributes().get("ErrorMessage").stringValue())
        .isEqualTo("asked to fail");
  }

  @Test
  @DisplayName(
      "invoke_eventThatSucceeds_successRecordOnOnSuccess (Lambda: invocation record, Success)")
  void invoke_eventThatSucceeds_successRecordOnOnSuccess() {
    InvokeResponse response = invokeEvent("{\"n\":\"s-1\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.payload().asByteArray()).isEmpty();
    JsonNode record =
        awaitMessage("Successes", m -> m.body().contains("s-1")).map(AsyncInvocationIT::json).get();
    assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.path("responsePayload").path("ok").asBoolean()).isTrue();
  }

  @Test
  @DisplayName(
      "invoke_eventWithAFunctionOnSuccess_thatFunctionGetsTheRecord"
          + " (Lambda: destinations, Lambda function destination)")
  void invoke_eventWithAFunctionOnSuccess_thatFunctionGetsTheRecord() {
    lambda.invoke(r ->
        r.functionName("chain")
            .invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String("{\"n\":\"c-1\"}")));

    JsonNode record =
        awaitReceived(
            "recorder", event -> event.path("requestPayload").path("n").asText().equals("c-1"));
    assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
    assertThat(record.path("requestContext").path("functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:chain:$LATEST");
  }

  @Test
  @DisplayName(
      "invoke_eventFailingWithABusOnFailure_failureEventOnTheBus"
          + " (Lambda: destinations, EventBridge event bus destination)")
  void invoke_eventFailingWithABusOnFailure_failureEventOnTheBus() {
    lambda.invoke(r ->
        r.functionName("chain")
            .invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String("{\"fail\":true,\"n\":\"c-2\"}")));

    JsonNode event =
        awaitMessage("BusFailures", m -> m.body().contains("c-2"))
            .map(AsyncInvocationIT::json)
            .get();
    assertThat(event.path("source").asText()).isEqualTo("lambda");
    assertThat(event.path("detail-type").asText())
        .isEqualTo("Lambda Function Invocation Result - Failure");
    assertThat(event.path("detail").path("requestContext").path("condition").asText())
        .isEqualTo("RetriesExhausted");
    assertThat(event.path("detail").path("requestContext").path("approximateInvokeCount").asInt())
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "invoke_eventFailingWithABusOnFailure_eventResourcesAreTheFunctionAndTheBus"
          + " (Lambda Developer Guide, destinations: the resource event field contains the"
          + " function and destination ARNs)")
  void invoke_eventFailingWithABusOnFailure_eventResourcesAreTheFunctionAndTheBus() {
    lambda.invoke(r ->
        r.functionName("chain")
            .invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String("{\"fail\":true,\"n\":\"c-3\"}")));

    JsonNode event =
        awaitMessage("BusFailures", m -> m.body().contains("c-3"))
            .map(AsyncInvocationIT::json)
            .get();
    List<String> resources = new java.util.ArrayList<>();
    event.path("resources").forEach(r -> resources.add(r.asText()));
    assertThat(resources)
        .containsExactly(
            "arn:aws:lambda:us-east-1:000000000000:function:chain:$LATEST",
            "arn:aws:events:us-east-1:000000000000:event-bus/shop");
  }

  @Test
  @DisplayName(
      "invoke_eventThatAlwaysFails_recordTimestampWithMilliseconds"
          + " (Lambda Developer Guide, example invocation record: \"2019-11-14T18:16:05.568Z\")")
  void invoke_eventThatAlwaysFails_recordTimestampWithMilliseconds() {
    invokeEvent("{\"fail\":true,\"n\":\"f-3\"}");

    JsonNode record =
        awaitMessage("Failures", m -> m.body().contains("f-3")).map(AsyncInvocationIT::json).get();
    // The test clock stands on a whole second, where Instant.toString() would drop the fraction.
    assertThat(record.path("timestamp").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  }

  @Test
  @DisplayName(
      "invoke_eventThatAlwaysFails_deadLetterAttributesRequestIdStringErrorCodeNumber"
          + " (Lambda Developer Guide, dead-letter queue message attributes; AWS-recorded:"
          + " test_lambda_destinations TestLambdaDLQ::test_dead_letter_queue)")
  void invoke_eventThatAlwaysFails_deadLetterAttributesRequestIdStringErrorCodeNumber() {
    String requestId = invokeEvent("{\"fail\":true,\"n\":\"f-4\"}").responseMetadata().requestId();

    Message dead = awaitMessage("Dlq", m -> m.body().contains("f-4")).get();
    assertThat(dead.messageAttributes()).containsOnlyKeys("RequestID", "ErrorCode", "ErrorMessage");
    assertThat(dead.messageAttributes().get("RequestID").dataType()).isEqualTo("String");
    assertThat(dead.messageAttributes().get("RequestID").stringValue()).isEqualTo(requestId);
    assertThat(dead.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
    assertThat(dead.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
    assertThat(dead.messageAttributes().get("ErrorMessage").dataType()).isEqualTo("String");
  }

  @Test
  @DisplayName(
      "awsCliInvoke_invocationTypeEvent_status202AndTheEventRuns"
          + " (AWS CLI: lambda invoke --invocation-type Event)")
  void awsCliInvoke_invocationTypeEvent_status202AndTheEventRuns() throws Exception {
    assumeTrue(onPath("aws"), "AWS CLI (aws) is not on the PATH");
    Path payload = Files.writeString(project.resolve("cli-event.json"), "{\"n\":\"cli-1\"}");
    List<String> command =
        List.of(
            "aws",
            "--endpoint-url",
            cloud.awsEndpoint().toString(),
            "--output",
            "json",
            "lambda",
            "invoke",
            "--function-name",
            "recorder",
            "--invocation-type",
            "Event",
            "--payload",
            "fileb://" + payload,
            project.resolve("cli-out.json").toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "x");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "x");
    builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    builder.environment().put("AWS_CONFIG_FILE", project.resolve("aws-config").toString());
    builder
        .environment()
        .put("AWS_SHARED_CREDENTIALS_FILE", project.resolve("aws-creds").toString());
    builder.environment().remove("AWS_PROFILE");
    builder.environment().remove("AWS_ENDPOINT_URL");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws lambda invoke finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(json(output).path("StatusCode").asInt()).isEqualTo(202);
    awaitReceived("recorder", event -> event.path("n").asText().equals("cli-1"));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static InvokeResponse invokeEvent(String payload) {
    return lambda.invoke(r ->
        r.functionName("recorder")
            .invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String(payload)));
  }

  private static void putEvent(String detailType, String detail) {
    var response =
        cloud
            .clients()
            .events()
            .putEvents(r ->
                r.entries(e ->
                    e.eventBusName("shop").source("shop").detailType(detailType).detail(detail)));
    assertThat(response.failedEntryCount()).isZero();
  }

  /** The first event {@code function} printed that matches, waiting for it. */
  private static JsonNode awaitReceived(String function, Predicate<JsonNode> wanted) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    Await.until(
        function + " receiving the event",
        DEADLINE,
        () -> {
          for (String line : console.lines()) {
            int at = line.indexOf("] received ");
            if (line.startsWith("[" + function + "#") && at > 0) {
              JsonNode event = json(line.substring(at + "] received ".length()));
              if (wanted.test(event)) {
                found.set(event);
                return true;
              }
            }
          }
          return false;
        });
    return found.get();
  }

  /** The first message of the queue that matches (others are left for other tests). */
  private static Optional<Message> awaitMessage(String queueLogicalId, Predicate<Message> wanted) {
    String url = cloud.stack().ids().ref(queueLogicalId);
    AtomicReference<Message> found = new AtomicReference<>();
    Await.until(
        "a message on " + queueLogicalId,
        DEADLINE,
        () -> {
          List<Message> messages =
              cloud
                  .clients()
                  .sqs()
                  .receiveMessage(r ->
                      r.queueUrl(url)
                          .maxNumberOfMessages(10)
                          .visibilityTimeout(0)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All"))
                  .messages();
          messages.stream().filter(wanted).findFirst().ifPresent(found::set);
          return found.get() != null;
        });
    return Optional.of(found.get());
  }

  private static JsonNode json(Message message) {
    return json(message.body());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The {@code asyncapp} classes, and nothing else of the tests, as a jar. */
  private static void buildJar(Path jar) throws IOException, URISyntaxException {
    Path classes =
        Path.of(RecordHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes.resolve(APP_PACKAGE))) {
      for (Path classFile : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        Files.copy(classFile, out);
        out.closeEntry();
      }
    }
  }
}
