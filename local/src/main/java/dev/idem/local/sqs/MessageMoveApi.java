package dev.idem.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The edge's SQS route: StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask are
 * answered by {@link MessageMoveTasks}, in the protocol they came in (JSON with {@code
 * X-Amz-Target: AmazonSQS.<action>}, or the query protocol's {@code Action=} form with an XML
 * answer); every other SQS call goes on to the queue backend.
 */
public final class MessageMoveApi implements HttpService {

  private static final String TARGET_PREFIX = "AmazonSQS.";
  private static final Set<String> ACTIONS =
      Set.of("StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask");
  private static final String JSON_TYPE = "application/x-amz-json-1.0";
  private static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  private final MessageMoveTasks tasks;
  private final HttpService backend;

  /** Answers the move task actions with {@code tasks}, and sends the rest to {@code backend}. */
  public MessageMoveApi(MessageMoveTasks tasks, HttpService backend) {
    this.tasks = tasks;
    this.backend = backend;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String target = request.header("X-Amz-Target").orElse("");
    if (target.startsWith(TARGET_PREFIX)) {
      String action = target.substring(TARGET_PREFIX.length());
      return ACTIONS.contains(action) ? json(action, request) : backend.handle(request);
    }
    Map<String, String> form = form(request);
    String action = form.get("Action");
    return action != null && ACTIONS.contains(action)
        ? query(action, form)
        : backend.handle(request);
  }

  private Response json(String action, Request request) {
    JsonNode body;
    try {
      body =
          request.body().length == 0
              ? AwsJson.MAPPER.createObjectNode()
              : AwsJson.MAPPER.readTree(request.body());
    } catch (java.io.IOException e) {
      return jsonError(
          new MessageMoveTasks.MoveTaskException(
              400, "InvalidParameterValue", "The request body is not JSON."));
    }
    Map<String, String> parameters = new HashMap<>();
    body.properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
    try {
      ObjectNode answer = AwsJson.MAPPER.createObjectNode();
      switch (action) {
        case "StartMessageMoveTask" -> answer.put("TaskHandle", start(parameters));
        case "CancelMessageMoveTask" ->
            answer.put(
                "ApproximateNumberOfMessagesMoved", tasks.cancel(parameters.get("TaskHandle")));
        default -> {
          ArrayNode results = answer.putArray("Results");
          for (MessageMoveTasks.Listing listing : list(parameters)) {
            ObjectNode entry = results.addObject();
            fields(listing)
                .forEach((name, value) -> {
                  if (value instanceof Number number) {
                    entry.put(name, number.longValue());
                  } else {
                    entry.put(name, value.toString());
                  }
                });
          }
        }
      }
      return Response.of(200, JSON_TYPE, answer.toString());
    } catch (MessageMoveTasks.MoveTaskException e) {
      return jsonError(e);
    }
  }

  private Response query(String action, Map<String, String> parameters) {
    try {
      StringBuilder result = new StringBuilder();
      switch (action) {
        case "StartMessageMoveTask" -> element(result, "TaskHandle", start(parameters));
        case "CancelMessageMoveTask" ->
            element(
                result,
                "ApproximateNumberOfMessagesMoved",
                tasks.cancel(parameters.get("TaskHandle")));
        default -> {
          for (MessageMoveTasks.Listing listing : list(parameters)) {
            result.append("<ListMessageMoveTasksResultEntry>");
            fields(listing).forEach((name, value) -> element(result, name, value));
            result.append("</ListMessageMoveTasksResultEntry>");
          }
        }
      }
      String xml =
          "<?xml version=\"1.0\"?><"
              + action
              + "Response xmlns=\""
              + XML_NAMESPACE
              + "\"><"
              + action
              + "Result>"
              + result
              + "</"
              + action
              + "Result><ResponseMetadata><RequestId>"
              + UUID.randomUUID()
              + "</RequestId></ResponseMetadata></"
              + action
              + "Response>";
      return Response.of(200, "text/xml", xml);
    } catch (MessageMoveTasks.MoveTaskException e) {
      String xml =
          "<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
              + XML_NAMESPACE
              + "\"><Error><Type>Sender</Type><Code>"
              + escape(e.code())
              + "</Code><Message>"
              + escape(e.getMessage())
              + "</Message><Detail/></Error><RequestId>"
              + UUID.randomUUID()
              + "</RequestId></ErrorResponse>";
      return Response.of(e.status(), "text/xml", xml);
    }
  }

  private String start(Map<String, String> parameters) {
    return tasks.start(
        parameters.get("SourceArn"),
        parameters.get("DestinationArn"),
        integer(parameters, "MaxNumberOfMessagesPerSecond"));
  }

  private List<MessageMoveTasks.Listing> list(Map<String, String> parameters) {
    return tasks.list(parameters.get("SourceArn"), integer(parameters, "MaxResults"));
  }

  private static Integer integer(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new MessageMoveTasks.MoveTaskException(
          400, "InvalidParameterValue", "Value for parameter " + name + " is invalid.");
    }
  }

  /** A listing's members in the API's order, those without a value left out (as AWS does). */
  private static Map<String, Object> fields(MessageMoveTasks.Listing listing) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    if (listing.taskHandle() != null) {
      fields.put("TaskHandle", listing.taskHandle());
    }
    fields.put("Status", listing.status().name());
    fields.put("SourceArn", listing.sourceArn());
    if (listing.destinationArn() != null) {
      fields.put("DestinationArn", listing.destinationArn());
    }
    if (listing.maxPerSecond() != null) {
      fields.put("MaxNumberOfMessagesPerSecond", listing.maxPerSecond());
    }
    fields.put("ApproximateNumberOfMessagesMoved", listing.moved());
    fields.put("ApproximateNumberOfMessagesToMove", listing.toMove());
    if (listing.failureReason() != null) {
      fields.put("FailureReason", listing.failureReason());
    }
    fields.put("StartedTimestamp", listing.startedMillis());
    return fields;
  }

  /**
   * SQS's JSON error: the type in {@code __type}, and the query protocol's code in {@code
   * x-amzn-query-error}, which SDKs read the error code from (SQS is query-compatible).
   */
  private static Response jsonError(MessageMoveTasks.MoveTaskException e) {
    ObjectNode body =
        AwsJson.MAPPER
            .createObjectNode()
            .put("__type", "com.amazonaws.sqs#" + e.code())
            .put("message", e.getMessage());
    return Response.of(e.status(), JSON_TYPE, body.toString())
        .withHeader("x-amzn-query-error", e.code() + ";Sender");
  }

  private static void element(StringBuilder xml, String name, Object value) {
    xml.append('<').append(name).append('>').append(escape(String.valueOf(value)));
    xml.append("</").append(name).append('>');
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The query protocol's parameters: the query string's, then the form body's. */
  private static Map<String, String> form(Request request) {
    Map<String, String> parameters = new HashMap<>();
    parse(request.rawQuery(), parameters);
    if (request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
      parse(request.bodyText(), parameters);
    }
    return parameters;
  }

  private static void parse(String form, Map<String, String> into) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      String[] parts = pair.split("=", 2);
      try {
        into.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException e) {
        // not ours to judge: the backend answers a malformed form
      }
    }
  }
}
