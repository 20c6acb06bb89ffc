package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.console.CaptureContents;
import dev.idem.local.faults.FaultPlan;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The console's capture bound end to end, on real clouds: with a capacity of 30, more orders than
 * that fills (a duplicate POST and an injected duplicate delivery among them) and 40 requests of
 * 100 KB each at the API, the queue backend and a stub leave every ring at most 30 entries and
 * every kept text at most the README's 16 KB, while the newest order's flow is still whole; with
 * the console off ({@code --no-console}) nothing is captured and {@code /_idem/} answers 404.
 */
class ConsoleCaptureBoundIT {

  private static final int CAPACITY = 30;
  private static final int BIG = 100_000;
  private static final int NOISE = 40;

  /** The README's "each text cut at 16 KB". */
  private static final int TEXT_LIMIT = 16 * 1024;

  @Test
  void smallCapacity_moreThanItOfEachKind_ringsBoundedTextsCutNewestFlowWhole() {
    LocalCloud.Options options =
        TestClouds.options("ConsoleCaptureBoundIT", new TestClouds.Console("ConsoleCaptureBoundIT"))
            .toBuilder()
            .consoleCapacity(CAPACITY)
            .build();
    try (LocalCloud cloud = LocalCloud.start(options)) {
      Orders orders = new Orders(cloud);
      cloud
          .faults()
          .replace(
              FaultPlan.parse(
                      "[{\"kind\":\"event-duplicate\",\"rule\":\"OrderPlacedToPayments\","
                          + "\"limit\":1}]")
                  .rules());
      List<String> earlier = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        earlier.add(orders.placed("bound-" + i, "c-bound-" + i, "SKU-001", 1));
      }
      HttpResponse<String> duplicate = orders.place("bound-0", "c-bound-0", "SKU-001", 1);
      assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(201);
      earlier.forEach(id -> awaitFulfilled(cloud, id));

      String pad = "x".repeat(BIG);
      try (AwsClients edge = AwsClients.create(cloud.awsEndpoint())) {
        String dlq =
            edge.sqs().getQueueUrl(r -> r.queueName(queue(cloud, "PaymentsDLQ"))).queueUrl();
        URI stub = cloud.stubUrl("notifications").orElseThrow().resolve("/messages");
        for (int i = 0; i < NOISE; i++) {
          orders.post("bound-big-" + i, "application/json", "{\"pad\":\"" + pad + "\"}");
          edge.sqs().sendMessage(r -> r.queueUrl(dlq).messageBody(pad));
          Http.post(stub, "bound-stub-" + i, "{\"pad\":\"" + pad + "\"}");
        }
      }

      String newest = orders.placed("bound-newest", "c-bound-newest", "SKU-002", 1);
      awaitFulfilled(cloud, newest);
      URI console = cloud.consoleUrl().orElseThrow();
      Await.until(
          "the newest order's flow to be whole in the small rings",
          Orders.FLOW_DEADLINE,
          () -> whole(Http.get(console.resolve("api/flows/" + newest))));

      Map<String, Integer> kept = CaptureContents.kept(cloud.capture());
      // Each kind was heard more than CAPACITY times (40 of each noise, 5 orders of about 8
      // invocations and 8 EventBridge steps each), so each ring is full and no fuller.
      assertThat(kept)
          .hasSize(5)
          .allSatisfy((kind, size) -> assertThat(size).as(kind).isEqualTo(CAPACITY));
      JsonNode overview = Http.json(Http.get(console.resolve("api/overview")).body());
      long steps = 0;
      for (JsonNode rule : overview.path("rules")) {
        steps += rule.path("matches").asLong() + rule.path("deliveries").asLong();
      }
      assertThat(steps).isGreaterThan(CAPACITY);
      assertThat(overview.path("invocationLog").path("total").asLong()).isGreaterThan(CAPACITY);
      assertThat(overview.path("invocationLog").path("kept").asInt()).isEqualTo(CAPACITY);

      List<String> texts = CaptureContents.texts(cloud.capture());
      assertThat(texts)
          .allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(TEXT_LIMIT));
      assertThat(
              texts.stream()
                  .filter(text -> text.length() == TEXT_LIMIT && text.endsWith("… [cut]")))
          .as("the 100 KB bodies kept cut at 16 KB, marked")
          .hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void consoleOff_nothingCapturedAndItsPagesAnswer404(@TempDir Path project) {
    LocalCloud.Options options =
        TestClouds.resourcesOnly(
                project,
                "ConsoleCaptureBoundIT-off",
                """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: off-work
                """)
            .toBuilder()
            .consoleCapacity(0)
            .build();
    try (LocalCloud cloud = LocalCloud.start(options)) {
      String url = cloud.clients().sqs().getQueueUrl(r -> r.queueName("off-work")).queueUrl();
      cloud.clients().sqs().sendMessage(r -> r.queueUrl(url).messageBody("still served"));

      assertThat(cloud.capture()).isNull();
      assertThat(cloud.consoleUrl()).isEmpty();
      URI edge = cloud.awsEndpoint();
      for (String path : List.of("/_idem/", "/_idem", "/_idem/api/overview", "/_idem/flows/x")) {
        HttpResponse<String> answer = Http.get(edge.resolve(path));
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        assertThat(Http.json(answer.body()).path("error").asText())
            .as(path)
            .isEqualTo("ConsoleOff");
      }
    }
  }

  /**
   * An order's flow with its API request, PlaceOrder's first execution, the charge and FULFILLED.
   */
  private static boolean whole(HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      return false;
    }
    List<JsonNode> hops =
        StreamSupport.stream(Http.json(answer.body()).path("hops").spliterator(), false).toList();
    return hops.stream().anyMatch(hop -> hop.path("kind").asText().equals("api-request"))
        && hops.stream()
            .anyMatch(hop -> hop.path("decisions").toString().contains("FIRST_EXECUTION"))
        && hops.stream()
            .anyMatch(hop ->
                hop.path("kind").asText().equals("stub-call")
                    && hop.path("resource").asText().equals("payments"))
        && hops.stream()
            .anyMatch(hop ->
                hop.path("kind").asText().equals("aws-call")
                    && hop.path("request").asText().contains("FULFILLED"));
  }

  /** Waits for FULFILLED reading the table, not the API: the API's reads would fill its ring. */
  private static void awaitFulfilled(LocalCloud cloud, String orderId) {
    String table = cloud.stack().stack().table("OrdersTable").orElseThrow().name();
    Await.until(
        "order " + orderId + " to be FULFILLED",
        Orders.FLOW_DEADLINE,
        () -> {
          Map<String, AttributeValue> item =
              cloud
                  .clients()
                  .dynamoDb()
                  .getItem(
                      r -> r.tableName(table).key(Map.of("orderId", AttributeValue.fromS(orderId))))
                  .item();
          return item != null
              && item.containsKey("status")
              && item.get("status").s().equals("FULFILLED");
        });
  }

  private static String queue(LocalCloud cloud, String logicalId) {
    return cloud.stack().stack().queue(logicalId).orElseThrow().name();
  }
}
