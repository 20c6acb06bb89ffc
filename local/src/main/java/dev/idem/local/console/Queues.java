package dev.idem.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.StackSpec;
import dev.idem.testing.QueueContents;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * One queue's JSON, {@code GET /_idem/api/queues/<name>[?peek=N]}: its attributes, redrive policy,
 * the queues that dead-letter to it and its latest message move tasks, and with {@code peek} its
 * first N messages read from the queue backend's contents without receiving them (the receive count
 * and visibility stay as they are). {@code POST /_idem/api/queues/<name>/redrive} (body optional
 * {@code {"destination": name}}) starts SQS's StartMessageMoveTask on the edge, so it works against
 * another backend too; peeking needs the embedded ElasticMQ.
 */
final class Queues implements HttpService {

  private static final String PATH = "/_idem/api/queues/";
  private static final int MAX_PEEK = 100;

  private final AwsClients clients;
  private final Function<String, String> queueUrls;
  private final StackSpec stack;
  private final QueueContents contents;
  private final Clock clock;

  /** {@code contents} is null with another backend than the embedded ElasticMQ. */
  Queues(AwsClients clients, StackSpec stack, QueueContents contents, Clock clock) {
    this.clients = clients;
    this.queueUrls = clients.queueUrls();
    this.stack = stack;
    this.contents = contents;
    this.clock = clock;
  }

  @Override
  public Response handle(Request request) {
    String rest = request.path().startsWith(PATH) ? request.path().substring(PATH.length()) : "";
    String[] parts = rest.split("/", -1);
    if (rest.isEmpty() || parts.length > 2 || (parts.length == 2 && !"redrive".equals(parts[1]))) {
      return ConsoleApi.problem(
          404, "NotFound", "Nothing at " + request.path() + "; use " + PATH + "<queue>[/redrive]");
    }
    Optional<QueueSpec> queue = queue(parts[0]);
    if (queue.isEmpty()) {
      return ConsoleApi.problem(
          404,
          "QueueNotFound",
          "No queue "
              + parts[0]
              + " in the stack (queues: "
              + stack.queues().stream().map(QueueSpec::name).toList()
              + ")");
    }
    try {
      if (parts.length == 2) {
        return "POST".equals(request.method())
            ? redrive(queue.get(), request)
            : ConsoleApi.methodNotAllowed(request, "POST");
      }
      if (!"GET".equals(request.method())) {
        return ConsoleApi.methodNotAllowed(request, "GET");
      }
      int peek =
          ConsoleApi.number(
              ConsoleApi.parameters(request.rawQuery(), List.of("peek")), "peek", 0, 0, MAX_PEEK);
      if (peek > 0 && contents == null) {
        return ConsoleApi.problem(
            409,
            "PeekUnavailable",
            "Peeking reads the embedded ElasticMQ's queues; with another backend (--endpoint) SQS"
                + " offers no way to read a message without receiving it");
      }
      return Response.json(200, json(queue.get(), peek).toString());
    } catch (ConsoleApi.BadParameter e) {
      return e.badRequest();
    } catch (SdkException e) {
      return ConsoleApi.problem(502, "BackendError", e.getMessage());
    }
  }

  private Optional<QueueSpec> queue(String name) {
    return stack.queues().stream().filter(q -> q.name().equals(name)).findFirst();
  }

  /** The stack's queues whose redrive policy names {@code queue} as their dead-letter queue. */
  private List<QueueSpec> sources(QueueSpec queue) {
    return stack.queues().stream()
        .filter(q -> q.redrive() != null && deadLetterName(q).equals(queue.name()))
        .toList();
  }

  /** The name of {@code queue}'s dead-letter queue (the last part of its ARN). */
  static String deadLetterName(QueueSpec queue) {
    String arn = queue.redrive().deadLetterTargetArn();
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  private ObjectNode json(QueueSpec queue, int peek) {
    String url = queueUrls.apply(queue.name());
    Map<QueueAttributeName, String> attributes =
        clients
            .sqs()
            .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
            .attributes();
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("name", queue.name()).put("url", url);
    body.put("arn", attributes.get(QueueAttributeName.QUEUE_ARN))
        .put("fifo", queue.fifo())
        .put("visible", count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .put(
            "inFlight",
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .put(
            "delayed", count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .put("visibilityTimeoutSeconds", count(attributes, QueueAttributeName.VISIBILITY_TIMEOUT));
    if (queue.redrive() != null) {
      body.putObject("redrivePolicy")
          .put("deadLetterQueue", deadLetterName(queue))
          .put("maxReceiveCount", queue.redrive().maxReceiveCount());
    } else {
      body.putNull("redrivePolicy");
    }
    List<QueueSpec> sources = sources(queue);
    ArrayNode sourceNames = body.putArray("deadLetterSources");
    sources.forEach(source -> sourceNames.add(source.name()));
    if (!sources.isEmpty()) {
      moveTasks(body, attributes.get(QueueAttributeName.QUEUE_ARN));
    }
    if (peek > 0) {
      ArrayNode messages = body.putArray("messages");
      Instant now = clock.instant();
      for (QueueContents.Message message : contents.peek(queue.name(), peek)) {
        messages.add(message(message, now));
      }
    }
    return body;
  }

  private void moveTasks(ObjectNode body, String arn) {
    ArrayNode tasks = body.putArray("moveTasks");
    try {
      for (ListMessageMoveTasksResultEntry task :
          clients.sqs().listMessageMoveTasks(r -> r.sourceArn(arn).maxResults(10)).results()) {
        ObjectNode row =
            tasks
                .addObject()
                .put("status", task.status())
                .put("destinationArn", task.destinationArn())
                .put("moved", task.approximateNumberOfMessagesMoved())
                .put("toMove", task.approximateNumberOfMessagesToMove())
                .put("failureReason", task.failureReason());
        row.put("startedAt", Instant.ofEpochMilli(task.startedTimestamp()).toString());
      }
    } catch (SdkException e) {
      body.put("moveTasksError", e.getMessage());
    }
  }

  private static ObjectNode message(QueueContents.Message message, Instant now) {
    ObjectNode row = AwsJson.MAPPER.createObjectNode();
    boolean hidden = message.nextDelivery().isAfter(now);
    row.put("messageId", message.messageId())
        .put("body", message.body())
        .put("state", !hidden ? "visible" : message.receiveCount() > 0 ? "in flight" : "delayed")
        .put("sentAt", message.sent().toString())
        .put("receiveCount", message.receiveCount());
    ObjectNode system = row.putObject("systemAttributes");
    system
        .put("SentTimestamp", String.valueOf(message.sent().toEpochMilli()))
        .put("ApproximateReceiveCount", String.valueOf(message.receiveCount()));
    if (message.firstReceived() != null) {
      system.put(
          "ApproximateFirstReceiveTimestamp",
          String.valueOf(message.firstReceived().toEpochMilli()));
    }
    if (message.messageGroupId() != null) {
      system.put("MessageGroupId", message.messageGroupId());
    }
    if (message.sequenceNumber() != null) {
      system.put("SequenceNumber", message.sequenceNumber());
    }
    if (message.deadLetterSourceQueue() != null) {
      system.put("DeadLetterQueueSourceArn", message.deadLetterSourceQueue());
    }
    ObjectNode attributes = row.putObject("messageAttributes");
    message
        .attributes()
        .forEach((name, value) -> {
          ObjectNode attribute = attributes.putObject(name).put("dataType", value.dataType());
          if (value.binaryValue() != null) {
            attribute.put("binaryValue", value.binaryValue());
          } else {
            attribute.put("stringValue", value.stringValue());
          }
        });
    return row;
  }

  private Response redrive(QueueSpec queue, Request request) {
    ConsoleApi.parameters(request.rawQuery(), List.of()); // its options are in the body
    List<QueueSpec> sources = sources(queue);
    if (sources.isEmpty()) {
      return ConsoleApi.problem(
          400,
          "NotADeadLetterQueue",
          "Queue "
              + queue.name()
              + " is no queue's dead-letter queue; only a dead-letter queue's messages can be"
              + " redriven");
    }
    String destination;
    try {
      destination = destination(request);
    } catch (IllegalArgumentException e) {
      return ConsoleApi.problem(400, "InvalidBody", e.getMessage());
    }
    if (destination != null && queue(destination).isEmpty()) {
      return ConsoleApi.problem(
          404, "QueueNotFound", "No queue " + destination + " in the stack to redrive to");
    }
    String arn = arn(queue.name());
    String destinationArn = destination == null ? null : arn(destination);
    try {
      String handle =
          clients
              .sqs()
              .startMessageMoveTask(r -> r.sourceArn(arn).destinationArn(destinationArn))
              .taskHandle();
      ObjectNode body =
          AwsJson.MAPPER
              .createObjectNode()
              .put("taskHandle", handle)
              .put("source", queue.name())
              .put(
                  "destination", destination != null ? destination : "each message's source queue");
      return Response.json(202, body.toString());
    } catch (SqsException e) {
      int status = e.statusCode() >= 400 && e.statusCode() < 500 ? e.statusCode() : 502;
      return ConsoleApi.problem(
          status, e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    }
  }

  private String arn(String queueName) {
    String url = queueUrls.apply(queueName);
    return clients
        .sqs()
        .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  /** The body's {@code destination}, or null for none (an empty body or {@code {}}). */
  private static String destination(Request request) {
    if (request.body().length == 0) {
      return null;
    }
    JsonNode body;
    try {
      body = AwsJson.MAPPER.readTree(request.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("The body is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("The body must be a JSON object {\"destination\": name}");
    }
    body.fieldNames()
        .forEachRemaining(name -> {
          if (!"destination".equals(name)) {
            throw new IllegalArgumentException(
                "Unknown field " + name + "; the body takes only \"destination\"");
          }
        });
    JsonNode destination = body.get("destination");
    if (destination == null || destination.isNull()) {
      return null;
    }
    if (!destination.isTextual() || destination.asText().isEmpty()) {
      throw new IllegalArgumentException("destination must be a queue name");
    }
    return destination.asText();
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    return Overview.count(attributes, name);
  }
}
