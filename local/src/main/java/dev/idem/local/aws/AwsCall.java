package dev.idem.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one AWS call is, as far as the edge can read it: the service (by the name rules use, so
 * DynamoDB Streams is {@code dynamodbstreams}), the region and access key of its signature, the
 * operation, and the resources it names (tables, queue, event bus). Read only when a fault rule
 * needs it.
 *
 * @param service {@code dynamodb}, {@code dynamodbstreams}, {@code sqs}, {@code events} or {@code
 *     lambda}
 * @param region the signature's region, or null
 * @param accessKeyId the signature's access key id, or null
 * @param operation e.g. {@code PutItem}, or null when it cannot be told
 * @param tables the DynamoDB tables it names (a transaction may name several)
 * @param queue the SQS queue's name, or null
 * @param bus the EventBridge buses it names (PutEvents entries may name several)
 * @param protocol how its answer, and so an error, is written
 */
public record AwsCall(
    String service,
    String region,
    String accessKeyId,
    String operation,
    List<String> tables,
    String queue,
    List<String> bus,
    Protocol protocol) {

  /** How a service's answers are written. */
  public enum Protocol {
    /** {@code X-Amz-Target} and a JSON body ({@code __type} errors). */
    JSON,
    /** The query protocol: {@code Action=} and XML answers. */
    QUERY,
    /** REST with JSON bodies ({@code x-amzn-ErrorType} errors): Lambda. */
    REST_JSON
  }

  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/[^/,\\s]+/aws4_request");
  private static final Pattern LAMBDA_PATH =
      Pattern.compile("/2015-03-31/functions/([^/]+)(/invocations|/configuration)?/?");
  private static final Pattern QUEUE_PATH = Pattern.compile("/\\d{12}/([^/]+)/?");

  /** Checks the components. */
  public AwsCall {
    tables = List.copyOf(tables);
    bus = List.copyOf(bus);
  }

  /** Reads the call; never fails (what cannot be read is null or empty). */
  public static AwsCall of(Request request, AwsService service) {
    String authorization = request.header("Authorization").orElse("");
    Matcher scope = SCOPE.matcher(authorization);
    if (!scope.find()) {
      scope = SCOPE.matcher(decode(request.rawQuery() == null ? "" : request.rawQuery()));
      scope = scope.find() ? scope : null;
    }
    String accessKey = scope == null ? null : scope.group(1);
    String region = scope == null ? null : scope.group(2);
    Optional<String> target = request.header("X-Amz-Target");
    if (target.isPresent()) {
      return json(request, service, target.get(), accessKey, region);
    }
    if (service == AwsService.LAMBDA) {
      return new AwsCall(
          "lambda",
          region,
          accessKey,
          lambdaOperation(request),
          List.of(),
          null,
          List.of(),
          Protocol.REST_JSON);
    }
    return query(request, service, accessKey, region);
  }

  private static AwsCall json(
      Request request, AwsService service, String target, String accessKey, String region) {
    String[] parts = target.split("\\.", 2);
    String name =
        parts[0].startsWith("DynamoDBStreams") ? "dynamodbstreams" : service.signingName();
    JsonNode body = body(request);
    return new AwsCall(
        name,
        region,
        accessKey,
        parts.length > 1 ? parts[1] : null,
        tables(body),
        lastSegment(text(body, "QueueUrl"), text(body, "QueueName")),
        buses(body),
        Protocol.JSON);
  }

  private static AwsCall query(
      Request request, AwsService service, String accessKey, String region) {
    String form = (request.rawQuery() == null ? "" : request.rawQuery()) + "&" + request.bodyText();
    String operation = null;
    String queue = null;
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = pair.substring(0, equals);
      String value = decode(pair.substring(equals + 1));
      switch (key) {
        case "Action" -> operation = value;
        case "QueueUrl", "QueueName" -> queue = lastSegment(value, null);
        default -> {}
      }
    }
    Matcher path = QUEUE_PATH.matcher(request.path());
    if (queue == null && path.matches()) {
      queue = path.group(1);
    }
    return new AwsCall(
        service.signingName(),
        region,
        accessKey,
        operation,
        List.of(),
        queue,
        List.of(),
        Protocol.QUERY);
  }

  private static String lambdaOperation(Request request) {
    Matcher path = LAMBDA_PATH.matcher(request.path());
    if (!path.matches()) {
      return request.path().startsWith("/2015-03-31/functions") ? "ListFunctions" : null;
    }
    if ("/invocations".equals(path.group(2))) {
      return "Invoke";
    }
    return "/configuration".equals(path.group(2)) ? "GetFunctionConfiguration" : "GetFunction";
  }

  private static List<String> tables(JsonNode body) {
    Set<String> tables = new LinkedHashSet<>();
    add(tables, text(body, "TableName"));
    String stream = text(body, "StreamArn");
    if (stream != null && stream.contains(":table/")) {
      add(tables, stream.substring(stream.indexOf(":table/") + 7).split("/")[0]);
    }
    body.path("RequestItems").fieldNames().forEachRemaining(tables::add);
    for (JsonNode item : body.path("TransactItems")) {
      item.elements().forEachRemaining(operation -> add(tables, text(operation, "TableName")));
    }
    return new ArrayList<>(tables);
  }

  private static List<String> buses(JsonNode body) {
    Set<String> buses = new LinkedHashSet<>();
    add(buses, text(body, "EventBusName"));
    for (JsonNode entry : body.path("Entries")) {
      String bus = text(entry, "EventBusName");
      add(buses, bus == null ? "default" : bus);
    }
    List<String> names = new ArrayList<>();
    buses.forEach(bus -> names.add(lastSegment(bus, null)));
    return names;
  }

  private static void add(Set<String> names, String name) {
    if (name != null && !name.isEmpty()) {
      names.add(name);
    }
  }

  private static JsonNode body(Request request) {
    try {
      JsonNode node = AwsJson.MAPPER.readTree(request.body());
      return node == null ? AwsJson.MAPPER.createObjectNode() : node;
    } catch (java.io.IOException e) {
      return AwsJson.MAPPER.createObjectNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String lastSegment(String urlOrArn, String fallback) {
    if (urlOrArn == null) {
      return fallback;
    }
    String trimmed =
        urlOrArn.endsWith("/") ? urlOrArn.substring(0, urlOrArn.length() - 1) : urlOrArn;
    int cut =
        Math.max(
            trimmed.lastIndexOf('/'), trimmed.startsWith("arn:") ? trimmed.lastIndexOf(':') : -1);
    return cut < 0 ? trimmed : trimmed.substring(cut + 1);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
