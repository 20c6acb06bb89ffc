package dev.idem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.edge.LocalAws;
import dev.idem.testing.LocalAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Faults at the edge, seen through the real AWS SDK clients: each injected error reaches the SDK as
 * that service's error (status, code), a write applied then answered as failed is retried by the
 * SDK onto its own effect, and PutEvents and rule deliveries fail or repeat as the rules say.
 */
class EdgeFaultsIT {

  private static final String TABLE = "edge-faults-it";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalAws aws;
  private static Faults faults;
  private static DynamoDbClient noRetries;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(0);
    faults = Faults.none();
    FaultApi api = new FaultApi(faults);
    aws.router()
        .control("/_localstack/chaos/", api)
        .control("/_idem/faults", api)
        .intercept(new EdgeFaults(faults, key -> Optional.empty()))
        .markReady();
    aws.eventBridge().faults(new FaultHooks(faults, key -> Optional.empty()));
    aws.clients()
        .dynamoDb()
        .createTable(r ->
            r.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build()));
    noRetries =
        DynamoDbClient.builder()
            .endpointOverride(aws.edgeUrl())
            .region(LocalAccount.SDK_REGION)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("k", "s")))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  @AfterAll
  static void stop() {
    noRetries.close();
    aws.close();
  }

  @AfterEach
  void clearRules() {
    faults.replace(List.of());
    faults.replaceChaos(List.of());
    faults.latency(Duration.ZERO);
  }

  @Test
  void awsError_dynamoDbThrottle_sdkSeesThrottlingExceptionWith400() {
    install(
        "[{\"kind\":\"aws-error\",\"service\":\"dynamodb\",\"operation\":\"GetItem\","
            + "\"error\":{\"statusCode\":400,\"code\":\"ThrottlingException\"}}]");

    assertThatThrownBy(() -> noRetries.getItem(r -> r.tableName(TABLE).key(key("none"))))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.isThrottlingException()).isTrue();
            });
    noRetries.putItem(r -> r.tableName(TABLE).item(key("other-operations-pass")));
  }

  @Test
  void awsError_sqsJsonProtocol_sdkSeesTheCodeAndStatus() {
    String queue = aws.clients().sqs().createQueue(r -> r.queueName("edge-faults-sqs")).queueUrl();
    install(
        "[{\"kind\":\"aws-error\",\"service\":\"sqs\",\"operation\":\"SendMessage\",\"queue\":\"edge-faults-sqs\","
            + "\"error\":{\"statusCode\":500,\"code\":\"InternalError\"},\"limit\":10}]");

    assertThatThrownBy(() ->
            software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(aws.edgeUrl())
                .region(LocalAccount.SDK_REGION)
                .credentialsProvider(
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                            "k", "s")))
                .httpClient(
                    software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()
                .sendMessage(r -> r.queueUrl(queue).messageBody("x")))
        .isInstanceOfSatisfying(
            SqsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
            });
  }

  @Test
  void awsError_sqsQueryProtocol_answersErrorResponseXml() throws Exception {
    install("[{\"kind\":\"aws-error\",\"service\":\"sqs\",\"operation\":\"ListQueues\"}]");

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(aws.edgeUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("<ErrorResponse>")
        .contains("<Type>Receiver</Type><Code>ServiceUnavailable</Code>");
  }

  @Test
  void awsAppliedLost_conditionalPut_sdkRetriesOntoItsOwnWrite() {
    install(
        "[{\"kind\":\"aws-applied-lost\",\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"limit\":1}]");
    DynamoDbClient retrying = aws.clients().dynamoDb();

    assertThatThrownBy(() ->
            retrying.putItem(r ->
                r.tableName(TABLE)
                    .item(key("applied-lost"))
                    .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(retrying.getItem(r -> r.tableName(TABLE).key(key("applied-lost"))).item())
        .isEqualTo(key("applied-lost"));
    assertThat(faults.log().byKind()).containsEntry("aws-applied-lost", 1L);
  }

  @Test
  void awsAppliedLost_reset_connectionEndsWithoutAnswerAfterTheWrite() {
    install(
        "[{\"kind\":\"aws-applied-lost\",\"operation\":\"PutItem\",\"answer\":\"reset\",\"limit\":1}]");

    assertThatThrownBy(() -> noRetries.putItem(r -> r.tableName(TABLE).item(key("reset"))))
        .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    assertThat(noRetries.getItem(r -> r.tableName(TABLE).key(key("reset"))).item())
        .isEqualTo(key("reset"));
  }

  @Test
  void awsLatency_andLocalStackEffects_delayTheAnswer() {
    install("[{\"kind\":\"aws-latency\",\"operation\":\"GetItem\",\"latencyMs\":300}]");
    long begin = System.nanoTime();
    noRetries.getItem(r -> r.tableName(TABLE).key(key("slow")));
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));

    faults.replace(List.of());
    post("/_localstack/chaos/effects", "{\"latency\":200}");
    begin = System.nanoTime();
    noRetries.getItem(r -> r.tableName(TABLE).key(key("slow")));
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void localStackChaosApi_overHttp_refusesThenEmptyListRestores() throws Exception {
    HttpResponse<String> installed =
        post("/_localstack/chaos/faults", "[{\"service\":\"dynamodb\",\"operation\":\"GetItem\"}]");
    assertThat(installed.statusCode()).isEqualTo(200);

    assertThatThrownBy(() -> noRetries.getItem(r -> r.tableName(TABLE).key(key("x"))))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            });

    assertThat(post("/_localstack/chaos/faults", "[]").body()).isEqualTo("[]");
    noRetries.getItem(r -> r.tableName(TABLE).key(key("x")));
  }

  @Test
  void putEventsFaults_failedIsNotDelivered_failedDeliveredIs_duplicateArrivesTwice() {
    String queueUrl =
        aws.clients().sqs().createQueue(r -> r.queueName("edge-faults-events")).queueUrl();
    aws.clients()
        .events()
        .putRule(r -> r.name("edge-faults").eventPattern("{\"source\":[\"edge.faults\"]}"));
    aws.clients()
        .events()
        .putTargets(r ->
            r.rule("edge-faults")
                .targets(
                    t -> t.id("q").arn("arn:aws:sqs:us-east-1:000000000000:edge-faults-events")));
    install(
        """
        [{"kind":"putevents-failed","detailType":"lost","limit":1},
         {"kind":"putevents-failed-delivered","detailType":"reported-lost","limit":1},
         {"kind":"event-duplicate","rule":"edge-faults","limit":1}]
        """);

    PutEventsResponse lost = put("lost");
    PutEventsResponse duplicated = put("twice"); // the first delivery: the duplicate rule's one
    PutEventsResponse reportedLost = put("reported-lost");
    put("after");

    assertThat(lost.failedEntryCount()).isEqualTo(1);
    assertThat(lost.entries())
        .extracting(PutEventsResultEntry::errorCode)
        .containsExactly("InternalFailure");
    assertThat(reportedLost.failedEntryCount()).isEqualTo(1);
    assertThat(duplicated.failedEntryCount()).isZero();
    List<String> types = receiveDetailTypes(queueUrl, 4);
    assertThat(types).containsExactly("twice", "twice", "reported-lost", "after");
  }

  private PutEventsResponse put(String detailType) {
    return aws.clients()
        .events()
        .putEvents(
            r -> r.entries(e -> e.source("edge.faults").detailType(detailType).detail("{}")));
  }

  /** Receives until {@code count} messages arrived (deliveries leave the bus in order). */
  private static List<String> receiveDetailTypes(String queueUrl, int count) {
    List<String> types = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (types.size() < count && System.nanoTime() < deadline) {
      for (Message message :
          aws.clients()
              .sqs()
              .receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
              .messages()) {
        types.add(detailType(message.body()));
        aws.clients()
            .sqs()
            .deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    }
    return types;
  }

  private static String detailType(String body) {
    try {
      return FaultJson.MAPPER.readTree(body).path("detail-type").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void install(String rules) {
    faults.replace(FaultPlan.parse(rules).rules());
  }

  private static HttpResponse<String> post(String path, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(aws.edgeUrl() + path))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }
}
