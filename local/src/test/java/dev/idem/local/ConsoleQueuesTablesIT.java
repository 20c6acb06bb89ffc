package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The console's queue and table JSON on a real local cloud (the repository's template): a peek at a
 * dead-letter queue leaves its message's receive count and visibility alone, a redrive moves it
 * back to its source queue and consumer, a table's items page by token and one is found by its key,
 * the orders stream's position reaches its end; bad requests get a 4xx with a JSON problem.
 */
class ConsoleQueuesTablesIT {

  private static LocalCloud cloud;
  private static Orders orders;
  private static URI console;

  @BeforeAll
  static void start() {
    cloud =
        LocalCloud.start(
            TestClouds.options(
                "ConsoleQueuesTablesIT", new TestClouds.Console("ConsoleQueuesTablesIT")));
    orders = new Orders(cloud);
    console = cloud.consoleUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  private static String queueName(String logicalId) {
    String url = orders.queueUrl(logicalId);
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void peekThenRedrive_dlqMessageUnreceivedByPeek_thenBackInItsSourceQueueAndConsumer() {
    String dlq = queueName("PaymentsDLQ");
    String source = queueName("PaymentsQueue");
    String capturePayment = orders.function("CapturePayment");
    String id =
        cloud
            .clients()
            .sqs()
            .sendMessage(r ->
                r.queueUrl(orders.queueUrl("PaymentsDLQ"))
                    .messageBody("poison-redrive")
                    .messageAttributes(
                        Map.of(
                            "reason",
                            MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("test")
                                .build())))
            .messageId();

    JsonNode[] peeked = {null};
    Await.until(
        "the message in the DLQ's peek",
        Orders.FLOW_DEADLINE,
        () -> {
          peeked[0] = json(get("api/queues/" + dlq + "?peek=10"));
          return peeked[0].path("messages").size() == 1;
        });
    for (int i = 0; i < 3; i++) {
      peeked[0] = json(get("api/queues/" + dlq + "?peek=10"));
    }
    JsonNode message = peeked[0].path("messages").get(0);
    assertThat(message.path("messageId").asText()).isEqualTo(id);
    assertThat(message.path("body").asText()).isEqualTo("poison-redrive");
    assertThat(message.path("receiveCount").asInt()).isZero();
    assertThat(message.path("state").asText()).isEqualTo("visible");
    assertThat(message.path("messageAttributes").path("reason").path("stringValue").asText())
        .isEqualTo("test");
    assertThat(message.path("systemAttributes").path("SentTimestamp").asLong()).isPositive();
    assertThat(peeked[0].path("deadLetterSources"))
        .extracting(JsonNode::asText)
        .containsExactly(source);
    assertThat(peeked[0].path("visible").asLong()).isEqualTo(1);
    // A consumer receives it at once, as its first receive: the peeks did not count.
    List<Message> received =
        cloud
            .clients()
            .sqs()
            .receiveMessage(r ->
                r.queueUrl(orders.queueUrl("PaymentsDLQ"))
                    .visibilityTimeout(0)
                    .messageSystemAttributeNames(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
            .messages();
    assertThat(received)
        .singleElement()
        .satisfies(m ->
            assertThat(m.attributes())
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    long consumed = orders.invocations(capturePayment);

    HttpResponse<String> redrive = post("api/queues/" + dlq + "/redrive", "");

    assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(202);
    assertThat(json(redrive).path("taskHandle").asText()).isNotBlank();
    Await.until(
        "the DLQ empty and the consumer invoked",
        Orders.FLOW_DEADLINE,
        () -> orders.depth("PaymentsDLQ") == 0 && orders.invocations(capturePayment) > consumed);
    JsonNode task = json(get("api/queues/" + dlq)).path("moveTasks").get(0);
    assertThat(task.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(task.path("moved").asLong()).isEqualTo(1);
    // The consumer fails the poison body: the message waits in flight in its source queue.
    JsonNode back = json(get("api/queues/" + source + "?peek=10"));
    assertThat(back.path("messages"))
        .anySatisfy(m -> {
          assertThat(m.path("body").asText()).isEqualTo("poison-redrive");
          assertThat(m.path("messageAttributes").path("reason").path("stringValue").asText())
              .isEqualTo("test");
        });
  }

  @Test
  void queue_notDeadLetterQueueOrUnknown_redrive400And404() {
    String source = queueName("PaymentsQueue");

    HttpResponse<String> notDlq = post("api/queues/" + source + "/redrive", "");
    HttpResponse<String> unknownQueue = get("api/queues/no-such-queue");
    HttpResponse<String> unknownDestination =
        post("api/queues/" + queueName("PaymentsDLQ") + "/redrive", "{\"destination\":\"nope\"}");
    HttpResponse<String> badBody =
        post("api/queues/" + queueName("PaymentsDLQ") + "/redrive", "{\"target\":1}");
    HttpResponse<String> getRedrive = get("api/queues/" + source + "/redrive");

    assertThat(notDlq.statusCode()).isEqualTo(400);
    assertThat(json(notDlq).path("error").asText()).isEqualTo("NotADeadLetterQueue");
    assertThat(unknownQueue.statusCode()).isEqualTo(404);
    assertThat(json(unknownQueue).path("message").asText()).contains("no-such-queue");
    assertThat(unknownDestination.statusCode()).isEqualTo(404);
    assertThat(badBody.statusCode()).isEqualTo(400);
    assertThat(json(badBody).path("message").asText()).contains("target");
    assertThat(getRedrive.statusCode()).isEqualTo(405);
  }

  @ParameterizedTest
  @ValueSource(strings = {"peek=-1", "peek=101", "peek=x", "size=3"})
  void queue_badPeek_400(String query) {
    HttpResponse<String> response = get("api/queues/" + queueName("PaymentsQueue") + "?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void table_afterOrders_itemsPageByTokenAndOneFoundByKey_streamReadToItsEnd() {
    String table = orders.tableName("OrdersTable");
    String first = orders.placed("tables-1", "c-tables", "SKU-001", 1);
    String second = orders.placed("tables-2", "c-tables", "SKU-002", 1);
    orders.awaitStatus(first, Set.of("FULFILLED"));
    orders.awaitStatus(second, Set.of("FULFILLED"));

    JsonNode page = json(get("api/tables/" + table + "?limit=1"));
    Set<String> seen = new HashSet<>();
    seen.add(page.path("items").get(0).path("orderId").asText());
    JsonNode next =
        json(get("api/tables/" + table + "?limit=1&next=" + encode(page.path("next").asText())));
    seen.add(next.path("items").get(0).path("orderId").asText());
    JsonNode found = json(get("api/tables/" + table + "/item?orderId=" + first));

    assertThat(page.path("keySchema").get(0).path("attribute").asText()).isEqualTo("orderId");
    assertThat(page.path("keySchema").get(0).path("type").asText()).isEqualTo("S");
    assertThat(page.path("stream").path("enabled").asBoolean()).isTrue();
    assertThat(page.path("stream").path("viewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(page.path("items")).hasSize(1);
    assertThat(seen).hasSize(2);
    assertThat(found.path("item").path("orderId").asText()).isEqualTo(first);
    assertThat(found.path("item").path("status").asText()).isEqualTo("FULFILLED");
    // Plain JSON: a number attribute is a JSON number, not DynamoDB's {"N": "..."}.
    assertThat(found.path("item").path("total").isNumber()).isTrue();
    assertThat(found.path("item").path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
    Await.until(
        "the orders stream read to its end",
        Orders.FLOW_DEADLINE,
        () -> {
          JsonNode mappings = json(get("api/tables/" + table)).path("stream").path("mappings");
          return !mappings.isEmpty()
              && mappings.get(0).path("shards").size() > 0
              && streamShards(mappings)
                  .allMatch(shard ->
                      shard.path("behind").asLong() == 0
                          && !shard.path("lastHandedSequenceNumber").isNull());
        });
    JsonNode overviewRow = row(json(get("api/overview")).path("tables"), table);
    assertThat(overviewRow.path("stream").path("mappings").asInt()).isPositive();
    assertThat(overviewRow.path("stream").path("behind").asLong()).isZero();
  }

  @Test
  void table_badRequests_4xxWithJsonProblem() {
    String table = orders.tableName("OrdersTable");

    assertThat(get("api/tables/no-such-table").statusCode()).isEqualTo(404);
    assertThat(get("api/tables/" + table + "?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("api/tables/" + table + "?limit=101").statusCode()).isEqualTo(400);
    assertThat(get("api/tables/" + table + "?next=not-a-token").statusCode()).isEqualTo(400);
    HttpResponse<String> foreignKey =
        get(
            "api/tables/"
                + table
                + "?next="
                + encode(
                    java.util.Base64.getUrlEncoder()
                        .encodeToString(
                            "{\"nope\":{\"S\":\"x\"}}".getBytes(StandardCharsets.UTF_8))));
    assertThat(foreignKey.statusCode()).as(foreignKey.body()).isEqualTo(400);
    HttpResponse<String> missingKey = get("api/tables/" + table + "/item");
    assertThat(missingKey.statusCode()).isEqualTo(400);
    assertThat(json(missingKey).path("message").asText()).contains("orderId");
    assertThat(get("api/tables/" + table + "/item?orderId=x&other=y").statusCode()).isEqualTo(400);
    HttpResponse<String> absent = get("api/tables/" + table + "/item?orderId=no-such-order");
    assertThat(absent.statusCode()).isEqualTo(404);
    assertThat(json(absent).path("error").asText()).isEqualTo("ItemNotFound");
    assertThat(post("api/tables/" + table, "").statusCode()).isEqualTo(405);
  }

  @Test
  void pages_queueAndTable_serveTheShellWithTheirScripts() {
    HttpResponse<String> queuePage = get("queues/" + queueName("PaymentsDLQ"));
    HttpResponse<String> tablePage = get("tables/" + orders.tableName("OrdersTable"));

    assertThat(queuePage.statusCode()).isEqualTo(200);
    assertThat(queuePage.body()).contains("/_idem/assets/queues.js", "/_idem/assets/tables.js");
    assertThat(tablePage.statusCode()).isEqualTo(200);
    assertThat(get("assets/queues.js").body()).contains("/_idem/api/queues/");
    assertThat(get("assets/tables.js").body()).contains("/_idem/api/tables/");
  }

  private static java.util.stream.Stream<JsonNode> streamShards(JsonNode mappings) {
    return java.util.stream.StreamSupport.stream(mappings.spliterator(), false)
        .flatMap(m -> java.util.stream.StreamSupport.stream(m.path("shards").spliterator(), false));
  }

  private static JsonNode row(JsonNode rows, String name) {
    for (JsonNode row : rows) {
      if (name.equals(row.path("name").asText())) {
        return row;
      }
    }
    throw new AssertionError("no row " + name + " in " + rows);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Http.json(response.body());
  }

  private static HttpResponse<String> get(String path) {
    return Http.get(console.resolve(path));
  }

  /** A POST to the console (the API's helper; the console ignores its Idempotency-Key). */
  private static HttpResponse<String> post(String path, String body) {
    return Http.post(console.resolve(path), "console-test", body);
  }
}
