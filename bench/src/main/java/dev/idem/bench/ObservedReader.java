package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.local.LocalCloud;
import dev.idem.local.template.FunctionSpec;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.SqsEvent;
import dev.idem.local.template.StackSpec;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads {@link Observed} from a running local cloud through its AWS endpoint and the stubs' ledgers
 * ({@code GET /charges}, {@code GET /messages}), as an operator would. The reads are the auditor's
 * own calls: no function instance makes them, so fault rules scoped to functions never strike them.
 */
final class ObservedReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IdempotencyTableSchema SCHEMA = IdempotencyTableSchema.defaults();

  private final LocalCloud cloud;
  private final OrdersApi http;
  private final StackSpec stack;

  ObservedReader(LocalCloud cloud, OrdersApi http) {
    this.cloud = cloud;
    this.http = http;
    this.stack = cloud.stack().stack();
  }

  /** Everything, with {@code events} as the auditor's queue received them. */
  Observed read(List<Observed.BusEvent> events) {
    return new Observed(
        orders(),
        stock(),
        inProgress(),
        charges(),
        messages(),
        events,
        deadLetters(),
        workQueues(),
        Instant.now());
  }

  /** Every order row, by id (a consistent scan of the Orders table). */
  Map<String, Observed.OrderRow> orders() {
    Map<String, Observed.OrderRow> rows = new HashMap<>();
    scan(table("OrdersTable")).forEach(item -> rows.put(s(item, "orderId"), row(item)));
    return rows;
  }

  /** Every SKU's {@code available} units. */
  Map<String, Long> stock() {
    Map<String, Long> stock = new TreeMap<>();
    scan(table("InventoryTable")).forEach(item -> stock.put(s(item, "sku"), n(item, "available")));
    return stock;
  }

  /** The idempotency records whose status is IN_PROGRESS. */
  List<Observed.Lease> inProgress() {
    List<Observed.Lease> leases = new ArrayList<>();
    dynamo()
        .scanPaginator(r ->
            r.tableName(table("IdempotencyTable"))
                .consistentRead(true)
                .filterExpression("#status = :inProgress")
                .expressionAttributeNames(Map.of("#status", SCHEMA.status()))
                .expressionAttributeValues(
                    Map.of(
                        ":inProgress",
                        AttributeValue.fromS(
                            IdempotencyTableSchema.statusValue(RecordStatus.IN_PROGRESS)))))
        .items()
        .forEach(item ->
            leases.add(
                new Observed.Lease(
                    s(item, SCHEMA.partitionKey()),
                    Instant.ofEpochMilli(n(item, SCHEMA.inProgressExpiration())))));
    return leases;
  }

  /** The payment provider's ledger. */
  List<Observed.Charge> charges() {
    List<Observed.Charge> charges = new ArrayList<>();
    for (JsonNode entry :
        http.getJson(cloud.stubUrl("payments").orElseThrow().resolve("/charges"))) {
      JsonNode body = body(entry);
      charges.add(
          new Observed.Charge(
              entry.path("id").asText(null),
              entry.path("idempotencyKey").asText(null),
              body.path("orderId").asText("?"),
              body.path("amount").asLong(-1),
              entry.path("status").asInt()));
    }
    return charges;
  }

  /** The notification provider's ledger. */
  List<Observed.Message> messages() {
    List<Observed.Message> messages = new ArrayList<>();
    URI url = cloud.stubUrl("notifications").orElseThrow().resolve("/messages");
    for (JsonNode entry : http.getJson(url)) {
      JsonNode body = body(entry);
      messages.add(
          new Observed.Message(
              entry.path("id").asText(null),
              entry.path("idempotencyKey").asText(null),
              body.path("orderId").asText("?"),
              body.path("template").asText("?"),
              body.path("eventId").asText("?")));
    }
    return messages;
  }

  /** Each dead-letter queue's messages, and up to 10 of their bodies; empty queues left out. */
  Map<String, Observed.DeadLetters> deadLetters() {
    Map<String, Observed.DeadLetters> letters = new TreeMap<>();
    for (QueueSpec queue : deadLetterQueues()) {
      String url = sqs().getQueueUrl(r -> r.queueName(queue.name())).queueUrl();
      long count = depth(url);
      if (count > 0) {
        List<String> bodies =
            sqs()
                .receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages()
                .stream()
                .map(m -> m.body())
                .toList();
        letters.put(queue.name(), new Observed.DeadLetters(count, bodies));
      }
    }
    return letters;
  }

  /** The messages in each queue a function consumes. */
  Map<String, Long> workQueues() {
    Map<String, Long> depths = new TreeMap<>();
    for (String name : consumedQueues()) {
      depths.put(name, depth(sqs().getQueueUrl(r -> r.queueName(name)).queueUrl()));
    }
    return depths;
  }

  // ---------------------------------------------------------------- the stack's resources

  /** The queues some redrive policy names, and those whose logical id ends in DLQ. */
  private List<QueueSpec> deadLetterQueues() {
    Set<String> targets =
        stack.queues().stream()
            .filter(q -> q.redrive() != null)
            .map(q -> q.redrive().deadLetterTargetArn())
            .collect(Collectors.toSet());
    return stack.queues().stream()
        .filter(q ->
            q.logicalId().endsWith("DLQ")
                || targets.stream().anyMatch(arn -> arn.endsWith(":" + q.name())))
        .toList();
  }

  private List<String> consumedQueues() {
    List<String> names = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      function.events().stream()
          .filter(e -> e instanceof SqsEvent)
          .map(e -> ((SqsEvent) e).queueArn())
          .map(arn -> arn.substring(arn.lastIndexOf(':') + 1))
          .forEach(names::add);
    }
    return names;
  }

  private String table(String logicalId) {
    return stack.table(logicalId).orElseThrow().name();
  }

  // ---------------------------------------------------------------- reading items

  private List<Map<String, AttributeValue>> scan(String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamo()
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(items::add);
    return items;
  }

  static Observed.OrderRow row(Map<String, AttributeValue> item) {
    Map<String, Long> quantities = new LinkedHashMap<>();
    AttributeValue lines = item.get("lines");
    if (lines != null && lines.hasL()) {
      for (AttributeValue line : lines.l()) {
        quantities.merge(s(line.m(), "sku"), n(line.m(), "quantity"), Long::sum);
      }
    }
    return new Observed.OrderRow(
        s(item, "orderId"),
        s(item, "correlationId"),
        s(item, "status"),
        s(item, "inventory"),
        s(item, "paymentId"),
        n(item, "total"),
        quantities,
        instant(s(item, "createdAt")),
        instant(s(item, "updatedAt")));
  }

  private long depth(String url) {
    return sqs()
        .getQueueAttributes(r ->
            r.queueUrl(url)
                .attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .attributes()
        .values()
        .stream()
        .mapToLong(Long::parseLong)
        .sum();
  }

  private static JsonNode body(JsonNode entry) {
    try {
      return JSON.readTree(entry.path("body").asText("{}"));
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null ? null : value.s();
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private DynamoDbClient dynamo() {
    return cloud.clients().dynamoDb();
  }

  private SqsClient sqs() {
    return cloud.clients().sqs();
  }
}
