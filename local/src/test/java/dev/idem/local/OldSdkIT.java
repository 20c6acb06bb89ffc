package dev.idem.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.faults.FaultPlan;
import dev.idem.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Functions on SDKs that ignore {@code AWS_ENDPOINT_URL} (SDK v2 2.20, SDK v1), each with a
 * hard-coded region and no change for a local run, reach the local cloud through the instances'
 * proxy: {@code src/test/old-sdk-app}, built by {@link OldSdkApps}.
 */
class OldSdkIT {

  private static final String V2 = "old-sdk-v2";
  private static final String V1 = "sdk-v1";

  @TempDir static Path project;

  private static final List<Message> RECEIVED = new CopyOnWriteArrayList<>();

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  @BeforeAll
  static void start() throws Exception {
    Path template =
        Files.copy(OldSdkApps.APP.resolve("template.yaml"), project.resolve("template.yaml"));
    OldSdkApps.build("v2", "OldSdkV2Handler", project.resolve("build/old-sdk-v2-app.jar"));
    OldSdkApps.build("v1", "SdkV1Handler", project.resolve("build/sdk-v1-app.jar"));
    console = new TestClouds.Console("OldSdkIT");
    cloud =
        LocalCloud.start(
            LocalCloud.Options.builder()
                .project(template)
                .freePorts()
                .concurrencyLimit(2)
                .console(console)
                .build());
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @AfterEach
  void clearFaults() {
    cloud.faults().replace(List.of());
  }

  @Test
  void sdkV2Before228_hardCodedEuWest1_writesTheTableAndPutsAnEventThroughTheEdge() {
    String answer = invoke(V2, "{\"id\":\"v2-item\"}");

    assertThat(answer).isEqualTo("\"saved v2-item read v2 failed events 0\"");
    assertThat(item("v2-item")).containsEntry("sdk", AttributeValue.fromS("v2"));
    assertThat(awaitMessage("v2-item").body())
        .contains("\"source\":\"old-sdk.app\"", "\"detail-type\":\"ItemSaved\"");
    assertThat(cloud.proxy().orElseThrow().connectionsByHost())
        .containsKeys("dynamodb.eu-west-1.amazonaws.com", "events.eu-west-1.amazonaws.com");
  }

  @Test
  void sdkV2Before228_sqsQueryProtocolToTheQueueUrl_messageArrives() {
    String answer = invoke(V2, "{\"send\":\"query-protocol-message\"}");

    assertThat(answer).startsWith("\"sent ");
    assertThat(awaitMessage("query-protocol-message").body()).isEqualTo("query-protocol-message");
    assertThat(cloud.proxy().orElseThrow().connectionsByHost())
        .containsKey("sqs.eu-west-1.amazonaws.com");
  }

  @Test
  void sdkV1_hardCodedApSoutheast2_writesTheSameTable() {
    String answer = invoke(V1, "{\"id\":\"v1-item\"}");

    assertThat(answer).isEqualTo("\"saved v1-item read v1\"");
    assertThat(item("v1-item")).containsEntry("sdk", AttributeValue.fromS("v1"));
    assertThat(cloud.proxy().orElseThrow().connectionsByHost())
        .containsKey("dynamodb.ap-southeast-2.amazonaws.com");
  }

  @Test
  void faultRuleScopedToTheFunction_appliesToItsCallsThroughTheProxyOnly() {
    cloud
        .faults()
        .replace(
            FaultPlan.parse(
                    "[{\"kind\":\"aws-error\",\"service\":\"dynamodb\",\"operation\":\"PutItem\","
                        + "\"function\":\""
                        + V2
                        + "\",\"error\":{\"statusCode\":400,\"code\":\"AccessDeniedException\"}}]")
                .rules());

    assertThat(invoke(V2, "{\"id\":\"v2-denied\"}"))
        .isEqualTo("\"error AccessDeniedException 400\"");
    assertThat(invoke(V1, "{\"id\":\"v1-allowed\"}")).isEqualTo("\"saved v1-allowed read v1\"");
    assertThat(item("v2-denied")).isEmpty();
  }

  @Test
  void nonAwsHost_fromAFunction_refusedByTheProxyAndLogged() {
    String answer = invoke(V2, "{\"url\":\"https://example.com/\"}");

    assertThat(answer).startsWith("\"fetch failed: ").contains("403");
    assertThat(console.lines())
        .contains(
            "proxy: refused CONNECT example.com:443 from a function instance: not an AWS host,"
                + " and the local cloud contacts nothing outside this machine");
  }

  @Test
  void clientBypassingTheProxy_awsHostDoesNotResolveSoNothingOutsideIsContacted() {
    String answer = invoke(V2, "{\"connect\":\"dynamodb.eu-west-1.amazonaws.com\"}");

    assertThat(answer).startsWith("\"connect failed: UnknownHostException: ");
  }

  @Test
  void start_banner_namesTheProxyOnLoopback() {
    String url = cloud.proxyUrl().orElseThrow().toString();

    assertThat(url).startsWith("http://127.0.0.1:");
    assertThat(console.lines()).anySatisfy(line -> assertThat(line).startsWith("proxy    " + url));
  }

  private static String invoke(String function, String payload) {
    InvocationResult result = cloud.lambda().invoke(function, payload.getBytes(UTF_8));
    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    return result.payloadText();
  }

  private static Map<String, AttributeValue> item(String id) {
    return cloud
        .clients()
        .dynamoDb()
        .getItem(r -> r.tableName("old-sdk-items").key(Map.of("id", AttributeValue.fromS(id))))
        .item();
  }

  /**
   * The first message on the rule's queue whose body contains {@code id}. Every message received is
   * kept (and deleted from the queue), so a test never hides another's message behind its
   * visibility timeout.
   */
  private static Message awaitMessage(String id) {
    String queue = cloud.stack().ids().ref("SavedQueue");
    Await.until(
        "a message with " + id + " on the rule's queue",
        Duration.ofSeconds(30),
        () -> {
          for (Message message :
              cloud
                  .clients()
                  .sqs()
                  .receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1).maxNumberOfMessages(10))
                  .messages()) {
            RECEIVED.add(message);
            cloud
                .clients()
                .sqs()
                .deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
          }
          return RECEIVED.stream().anyMatch(m -> m.body().contains(id));
        });
    return RECEIVED.stream().filter(m -> m.body().contains(id)).findFirst().orElseThrow();
  }
}
