package dev.idem.local.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.eventbridge.EventBridgeService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.FunctionPool;
import dev.idem.local.lambda.FunctionStats;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.RuleSpec;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.TableSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The overview's JSON: every function, queue, table and bus rule of the stack with its counts now.
 * Counts come from the pools, the invocation log, SQS's GetQueueAttributes, DynamoDB's
 * DescribeTable and the EventBridge service; a backend call that fails shows as that row's {@code
 * error} rather than failing the whole overview.
 */
final class Overview {

  private static final String PATH = ConsoleApi.PREFIX + "api/overview";

  private final LambdaRuntime lambda;
  private final AwsClients clients;
  private final StackSpec stack;
  private final EventBridgeService eventBridge;
  private final InvocationLog invocations;
  private final Function<String, String> queueUrls;
  private final Function<String, ObjectNode> streamSummary;
  private final Clock clock;

  Overview(
      LambdaRuntime lambda,
      AwsClients clients,
      StackSpec stack,
      EventBridgeService eventBridge,
      InvocationLog invocations,
      Function<String, ObjectNode> streamSummary,
      Clock clock) {
    this.lambda = lambda;
    this.clients = clients;
    this.stack = stack;
    this.eventBridge = eventBridge;
    this.invocations = invocations;
    this.queueUrls = clients.queueUrls();
    this.streamSummary = streamSummary;
    this.clock = clock;
  }

  /**
   * {@code GET /_idem/api/overview}: it has nothing below it and takes no parameter, so a longer
   * path is a 404 and any parameter a 400 rather than the overview answered as if asked right.
   */
  Response answer(Request request) {
    if (FlowApi.item(request, PATH) != null) {
      return ConsoleApi.problem(
          404, "NotFound", "Nothing at " + request.path() + "; the overview is " + PATH);
    }
    try {
      ConsoleApi.parameters(request.rawQuery(), List.of());
    } catch (ConsoleApi.BadParameter e) {
      return e.badRequest();
    }
    return Response.json(200, json().toString());
  }

  ObjectNode json() {
    // The backend calls (one GetQueueAttributes per queue, one DescribeTable per table) go out
    // together, each on a virtual thread, while the in-memory counts are read here: the overview
    // takes about as long as its slowest call instead of the sum of them all.
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      // Each queue asked once per overview, a dead-letter queue's depth read from its own answer.
      Map<String, Future<Map<QueueAttributeName, String>>> depths = new HashMap<>();
      for (QueueSpec queue : stack.queues()) {
        depths.computeIfAbsent(queue.name(), name -> calls.submit(() -> depth(name)));
        if (queue.redrive() != null) {
          depths.computeIfAbsent(
              Queues.deadLetterName(queue), name -> calls.submit(() -> depth(name)));
        }
      }
      Map<String, Future<Long>> items = new HashMap<>();
      for (TableSpec table : stack.tables()) {
        items.computeIfAbsent(table.name(), name -> calls.submit(() -> itemCount(name)));
      }
      ObjectNode body = AwsJson.MAPPER.createObjectNode();
      body.put("at", clock.instant().toString());
      ArrayNode functions = body.putArray("functions");
      for (FunctionStats stats : lambda.stats()) {
        functions.add(function(stats));
      }
      ArrayNode queues = body.putArray("queues");
      stack.queues().forEach(queue -> queues.add(queue(queue, depths)));
      ArrayNode tables = body.putArray("tables");
      stack.tables().forEach(table -> tables.add(table(table, items.get(table.name()))));
      ArrayNode rules = body.putArray("rules");
      Map<String, EventBridgeService.Stats> ruleStats = eventBridge.ruleStats();
      stack.rules().forEach(rule -> rules.add(rule(rule, ruleStats)));
      body.putObject("invocationLog")
          .put("kept", Math.min(invocations.total(), invocations.capacity()))
          .put("capacity", invocations.capacity())
          .put("total", invocations.total());
      return body;
    }
  }

  private ObjectNode function(FunctionStats stats) {
    FunctionPool pool = lambda.pool(stats.name());
    int idle = pool.instancesIdle();
    ObjectNode row = AwsJson.MAPPER.createObjectNode().put("name", stats.name());
    row.put("concurrencyLimit", stats.concurrencyLimit())
        .put("instancesLive", stats.instancesLive())
        .put("instancesWarm", idle)
        // Read apart from the live count: clamped, as an instance may end between the two reads.
        .put("instancesBusy", Math.max(0, stats.instancesLive() - idle))
        .put("coldStarts", stats.coldStarts().size())
        .put("invocations", stats.invocations())
        .put("errors", stats.errors())
        .put("timeouts", stats.timeouts())
        .put("throttles", stats.throttles());
    putMillis(row, "p50Ms", invocations.percentile(stats.name(), 50));
    putMillis(row, "p99Ms", invocations.percentile(stats.name(), 99));
    return row;
  }

  private static void putMillis(ObjectNode row, String field, Optional<Duration> duration) {
    if (duration.isPresent()) {
      row.put(field, duration.get().toNanos() / 1_000_000.0);
    } else {
      row.putNull(field);
    }
  }

  private ObjectNode queue(
      QueueSpec queue, Map<String, Future<Map<QueueAttributeName, String>>> depths) {
    ObjectNode row = AwsJson.MAPPER.createObjectNode().put("name", queue.name());
    try {
      Map<QueueAttributeName, String> attributes = answer(depths.get(queue.name()));
      row.put("visible", count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          .put(
              "inFlight",
              count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
          .put(
              "delayed",
              count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
      if (queue.redrive() != null) {
        String dlq = Queues.deadLetterName(queue);
        row.put("deadLetterQueue", dlq)
            .put(
                "deadLetterDepth",
                count(answer(depths.get(dlq)), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
      }
    } catch (SdkException e) {
      row.put("error", e.getMessage());
    }
    return row;
  }

  /**
   * The call's answer; a failed call rethrows its {@link SdkException} (the row's {@code error}),
   * anything else as it was thrown.
   */
  private static <T> T answer(Future<T> call) {
    try {
      return call.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the overview", e);
    }
  }

  private Map<QueueAttributeName, String> depth(String queueName) {
    return clients
        .sqs()
        .getQueueAttributes(r ->
            r.queueUrl(queueUrls.apply(queueName))
                .attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .attributes();
  }

  static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    return Long.parseLong(attributes.getOrDefault(name, "0"));
  }

  private long itemCount(String tableName) {
    return clients.dynamoDb().describeTable(r -> r.tableName(tableName)).table().itemCount();
  }

  private ObjectNode table(TableSpec table, Future<Long> items) {
    ObjectNode row = AwsJson.MAPPER.createObjectNode().put("name", table.name());
    try {
      row.put("items", answer(items));
      row.set("stream", streamSummary.apply(table.name()));
    } catch (SdkException e) {
      row.put("error", e.getMessage());
    }
    return row;
  }

  private static ObjectNode rule(RuleSpec rule, Map<String, EventBridgeService.Stats> ruleStats) {
    String path = "default".equals(rule.bus()) ? rule.name() : rule.bus() + "/" + rule.name();
    EventBridgeService.Stats stats =
        ruleStats.entrySet().stream()
            .filter(e -> e.getKey().endsWith(":rule/" + path))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(new EventBridgeService.Stats(0, 0, 0, 0));
    return AwsJson.MAPPER
        .createObjectNode()
        .put("bus", rule.bus())
        .put("name", rule.name())
        .put("state", rule.state())
        .put("matches", stats.matched())
        .put("deliveries", stats.delivered())
        .put("deadLettered", stats.deadLettered())
        .put("failedDeliveries", stats.failed());
  }
}
