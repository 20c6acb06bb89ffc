package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.LocalCloud;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.StackSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the system holds at one moment, read as an operator would: the Orders table (scanned), every
 * queue's depth, and what the payment and notification stubs received.
 *
 * @param orders every order's status by id
 * @param reserved how many orders have their stock reserved
 * @param workMessages messages in the queues that functions consume (visible, in flight, delayed)
 * @param dlqMessages messages in the dead-letter queues
 * @param charges POST /charges the payment stub received
 * @param chargedOrders distinct orders among them
 * @param notifications POST /messages the notification stub received
 * @param notifiedEvents distinct events among them (their Idempotency-Key names the event)
 */
record SystemState(
    Map<String, String> orders,
    long reserved,
    long workMessages,
    long dlqMessages,
    long charges,
    long chargedOrders,
    long notifications,
    long notifiedEvents) {

  /** How many of {@code orderIds} are PAID or FULFILLED. */
  long paid(Iterable<String> orderIds) {
    long paid = 0;
    for (String id : orderIds) {
      if (FlowRunner.PAID.contains(orders.getOrDefault(id, ""))) {
        paid++;
      }
    }
    return paid;
  }

  /** Reads it all from {@code cloud}. */
  static SystemState read(LocalCloud cloud, OrdersApi api) {
    StackSpec stack = cloud.stack().stack();
    String table = stack.table("OrdersTable").orElseThrow().name();
    Map<String, String> orders = new HashMap<>();
    long[] reserved = {0};
    cloud
        .clients()
        .dynamoDb()
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> {
          orders.put(item.get("orderId").s(), text(item.get("status")));
          if ("RESERVED".equals(text(item.get("inventory")))) {
            reserved[0]++;
          }
        });
    long[] depths = queueDepths(cloud.clients().sqs(), stack.queues());
    JsonNode charges = api.getJson(cloud.stubUrl("payments").orElseThrow().resolve("/charges"));
    JsonNode messages =
        api.getJson(cloud.stubUrl("notifications").orElseThrow().resolve("/messages"));
    return new SystemState(
        orders,
        reserved[0],
        depths[0],
        depths[1],
        charges.size(),
        distinctKeys(charges),
        messages.size(),
        distinctKeys(messages));
  }

  /** Work queue messages, then dead-letter queue messages. */
  private static long[] queueDepths(SqsClient sqs, List<QueueSpec> queues) {
    Set<String> deadLetterArns = new HashSet<>();
    queues.stream()
        .filter(q -> q.redrive() != null)
        .forEach(q -> deadLetterArns.add(q.redrive().deadLetterTargetArn()));
    long[] depths = new long[2];
    for (QueueSpec queue : queues) {
      boolean dlq =
          queue.logicalId().endsWith("DLQ")
              || deadLetterArns.stream().anyMatch(arn -> arn.endsWith(":" + queue.name()));
      depths[dlq ? 1 : 0] += depth(sqs, queue.name());
    }
    return depths;
  }

  private static long depth(SqsClient sqs, String name) {
    String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(r ->
                r.queueUrl(url)
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return attributes.values().stream().mapToLong(Long::parseLong).sum();
  }

  private static long distinctKeys(JsonNode requests) {
    Set<String> keys = new HashSet<>();
    requests.forEach(request -> keys.add(request.path("idempotencyKey").asText()));
    return keys.size();
  }

  private static String text(AttributeValue value) {
    return value == null ? "" : value.s();
  }
}
