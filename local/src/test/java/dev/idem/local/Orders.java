package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The orders system of a running local cloud, as a client and an operator see it. */
final class Orders {

  static final Duration FLOW_DEADLINE = Duration.ofSeconds(90);

  private final LocalCloud cloud;
  private final URI api;

  Orders(LocalCloud cloud) {
    this.cloud = cloud;
    this.api = cloud.apiUrl().orElseThrow();
  }

  /** {@code POST /orders} for {@code customerId}: one line of {@code quantity} × {@code sku}. */
  HttpResponse<String> place(String key, String customerId, String sku, int quantity) {
    return Http.post(api.resolve("/orders"), key, body(customerId, sku, quantity));
  }

  /** {@code POST /orders} with any body, sent as {@code contentType}. */
  HttpResponse<String> post(String key, String contentType, String body) {
    return Http.post(api.resolve("/orders"), key, contentType, body);
  }

  /** How many invocations of {@code function} ran so far. */
  long invocations(String function) {
    return cloud.lambda().stats().stream()
        .filter(s -> s.name().equals(function))
        .mapToLong(s -> s.invocations())
        .sum();
  }

  static String body(String customerId, String sku, int quantity) {
    return """
    {"customerId":"%s","currency":"EUR","lines":[{"sku":"%s","quantity":%d}]}\
    """
        .formatted(customerId, sku, quantity);
  }

  /** Places an order, asserts 201, returns its id. */
  String placed(String key, String customerId, String sku, int quantity) {
    HttpResponse<String> response = place(key, customerId, sku, quantity);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.json(response.body()).path("orderId").asText();
  }

  /** {@code GET /orders/{id}}'s body. */
  JsonNode order(String orderId) {
    HttpResponse<String> response = Http.get(api.resolve("/orders/" + orderId));
    return response.statusCode() == 200 ? Http.json(response.body()) : Http.JSON.nullNode();
  }

  /** Polls {@code GET /orders/{id}} until its status is one of {@code statuses}; returns it. */
  JsonNode awaitStatus(String orderId, Set<String> statuses) {
    return awaitStatus(orderId, statuses, FLOW_DEADLINE);
  }

  /**
   * Polls {@code GET /orders/{id}} until its status is one of {@code statuses}, or the deadline.
   */
  JsonNode awaitStatus(String orderId, Set<String> statuses, Duration deadline) {
    JsonNode[] last = {Http.JSON.nullNode()};
    Await.until(
        "order " + orderId + " to become " + statuses,
        deadline,
        () -> statuses.contains((last[0] = order(orderId)).path("status").asText()));
    return last[0];
  }

  /** What the payment stub was asked to charge for this order. */
  List<JsonNode> charges(String orderId) {
    return posted(cloud.stubUrl("payments").orElseThrow().resolve("/charges"), orderId);
  }

  /** What the notification stub was asked to send for this order. */
  List<JsonNode> messages(String orderId) {
    return posted(cloud.stubUrl("notifications").orElseThrow().resolve("/messages"), orderId);
  }

  private static List<JsonNode> posted(URI listing, String orderId) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode request : Http.json(Http.get(listing).body())) {
      JsonNode body = Http.json(request.path("body").asText());
      if (orderId.equals(body.path("orderId").asText())) {
        found.add(body);
      }
    }
    return found;
  }

  /** The orders of one customer in the Orders table. */
  List<Map<String, AttributeValue>> ordersOf(String customerId) {
    return cloud
        .clients()
        .dynamoDb()
        .scan(r ->
            r.tableName(tableName("OrdersTable"))
                .filterExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))))
        .items();
  }

  /** A table's name, by its logical id in template.yaml (its construct path in OrdersStack). */
  String tableName(String logicalId) {
    return cloud.stack().stack().table(logicalId).orElseThrow().name();
  }

  /**
   * A function's name, by its role: {@code PlaceOrder} is template.yaml's {@code
   * PlaceOrderFunction} and OrdersStack's {@code PlaceOrder/Function}.
   */
  String function(String role) {
    var stack = cloud.stack().stack();
    return stack
        .function(role + "Function")
        .or(() -> stack.function(role + "/Function"))
        .orElseThrow(() -> new AssertionError("no function " + role))
        .name();
  }

  /**
   * A queue's URL, by its logical id in template.yaml: the stack's output {@code <id>Url}, which
   * both sources declare, else the resource's Ref.
   */
  String queueUrl(String logicalId) {
    String output = cloud.stack().stack().outputs().get(logicalId + "Url");
    return output != null ? output : cloud.stack().ids().ref(logicalId);
  }

  /**
   * Sets the visibility timeout of the queues that functions consume (payments, inventory,
   * notifications): a test that expects retries need not wait the template's 3 minutes for each.
   * The functions' timeout (20 s) stays below it.
   */
  void visibilityTimeout(java.time.Duration timeout) {
    for (String queue : List.of("PaymentsQueue", "InventoryQueue", "NotificationsQueue")) {
      cloud
          .clients()
          .sqs()
          .setQueueAttributes(r ->
              r.queueUrl(queueUrl(queue))
                  .attributes(
                      Map.of(
                          QueueAttributeName.VISIBILITY_TIMEOUT,
                          Long.toString(timeout.toSeconds()))));
    }
  }

  /** Messages in a queue, visible or in flight. */
  int depth(String logicalId) {
    Map<QueueAttributeName, String> counts =
        cloud
            .clients()
            .sqs()
            .getQueueAttributes(r ->
                r.queueUrl(queueUrl(logicalId))
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return counts.values().stream().mapToInt(Integer::parseInt).sum();
  }
}
