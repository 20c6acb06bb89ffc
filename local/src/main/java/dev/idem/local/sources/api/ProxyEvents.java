package dev.idem.local.sources.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Request;
import dev.idem.local.sources.Json;
import dev.idem.testing.LocalAccount;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * HTTP requests as the REST API's proxy event ({@code APIGatewayProxyRequestEvent} JSON), with the
 * keys AWS sends and AWS's decoding: {@code path} and {@code pathParameters} as the client encoded
 * them, query strings form-decoded, header names in the client's case (but {@code Authorization}
 * and {@code User-Agent}, which AWS's edge Pascal-cases, and without {@code Content-Length} and
 * {@code Connection}, which it drops), {@code requestContext.path} with the stage prefix, and the
 * body as UTF-8 text unless its {@code Content-Type} is one of the API's binary media types (then
 * base64 with {@code isBase64Encoded: true}).
 */
final class ProxyEvents {

  static final String API_ID = "idemlocal";

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> IDENTITY_NULLS =
      List.of(
          "cognitoIdentityPoolId",
          "accountId",
          "cognitoIdentityId",
          "caller",
          "accessKey",
          "principalOrgId",
          "cognitoAuthenticationType",
          "cognitoAuthenticationProvider",
          "userArn",
          "user");
  private static final Set<String> DROPPED_HEADERS = Set.of("content-length", "connection");
  private static final Map<String, String> PASCAL_CASED =
      Map.of("authorization", "Authorization", "user-agent", "User-Agent");

  private ProxyEvents() {}

  static byte[] event(Request request, RouteTable.Match match, String requestId, Instant now) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("resource", match.route().pathTemplate());
    event.put("path", request.rawPath());
    event.put("httpMethod", request.method());
    headers(event, request.headers());
    query(event, request.rawQuery());
    stringMap(event, "pathParameters", match.pathParameters());
    stringMap(event, "stageVariables", match.route().stage().variables());
    context(event.putObject("requestContext"), request, match, requestId, now);
    body(event, request, match.route().stage().binaryMediaTypes());
    return Json.bytes(event);
  }

  private static void headers(ObjectNode event, Map<String, List<String>> headers) {
    Map<String, List<String>> named = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!DROPPED_HEADERS.contains(lower)) {
        named.put(PASCAL_CASED.getOrDefault(lower, name), values);
      }
    });
    singleAndMulti(event, "headers", "multiValueHeaders", named);
  }

  private static void query(ObjectNode event, String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          String name = decode(equals < 0 ? pair : pair.substring(0, equals));
          String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
          parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }
    singleAndMulti(event, "queryStringParameters", "multiValueQueryStringParameters", parameters);
  }

  /** The single-value map holds the last value, as API Gateway's does; both are null when empty. */
  private static void singleAndMulti(
      ObjectNode event, String single, String multi, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      event.putNull(single);
      event.putNull(multi);
      return;
    }
    ObjectNode singleNode = event.putObject(single);
    ObjectNode multiNode = event.putObject(multi);
    values.forEach((name, list) -> {
      singleNode.put(name, list.isEmpty() ? "" : list.get(list.size() - 1));
      ArrayNode array = multiNode.putArray(name);
      list.forEach(array::add);
    });
  }

  private static void stringMap(ObjectNode event, String field, Map<String, String> values) {
    if (values.isEmpty()) {
      event.putNull(field);
    } else {
      ObjectNode node = event.putObject(field);
      values.forEach(node::put);
    }
  }

  private static void context(
      ObjectNode context, Request request, RouteTable.Match match, String requestId, Instant now) {
    RouteStage stage = match.route().stage();
    String domainName = request.header("Host").orElse("localhost");
    context.put("resourceId", shortId("resource", stage.apiId() + match.route().pathTemplate()));
    context.put("resourcePath", match.route().pathTemplate());
    context.put("httpMethod", request.method());
    context.put("extendedRequestId", extendedId(requestId));
    context.put("requestTime", REQUEST_TIME.format(now));
    context.put("path", "/" + stage.name() + request.rawPath());
    context.put("accountId", LocalAccount.ID);
    context.put("protocol", "HTTP/1.1");
    context.put("stage", stage.name());
    context.put("domainPrefix", domainName.split("[.:]", 2)[0]);
    context.put("requestTimeEpoch", now.toEpochMilli());
    context.put("requestId", requestId);
    ObjectNode identity = context.putObject("identity");
    IDENTITY_NULLS.forEach(identity::putNull);
    identity.put("sourceIp", "127.0.0.1");
    identity.put("userAgent", request.header("User-Agent").orElse(null));
    context.put("domainName", domainName);
    context.put("deploymentId", shortId("deployment", stage.apiId() + "/" + stage.name()));
    context.put("apiId", stage.apiId());
  }

  /** A stable id of AWS's shape (6 lower-case letters and digits) for a deployment or resource. */
  static String shortId(String kind, String of) {
    String digits = Long.toString(Integer.toUnsignedLong((kind + ":" + of).hashCode()), 36);
    return (digits + "000000").substring(0, 6);
  }

  /** An extended request id of AWS's shape, e.g. {@code LnK5fGc1IAMEZaQ=}, unique per request. */
  private static String extendedId(String requestId) {
    UUID id = UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes =
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits());
    return Base64.getEncoder().encodeToString(Arrays.copyOf(bytes.array(), 11));
  }

  /** Base64 only for the API's binary media types: without them every body is UTF-8 text. */
  private static void body(ObjectNode event, Request request, BinaryMediaTypes binary) {
    if (request.body().length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else if (binary.matches(request.header("Content-Type").orElse(null))) {
      event.put("body", Base64.getEncoder().encodeToString(request.body()));
      event.put("isBase64Encoded", true);
    } else {
      event.put("body", new String(request.body(), StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    }
  }

  /**
   * Whether an HTTP API passes a body of this content type as text; anything else is
   * base64-encoded.
   */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/javascript")
        || type.equals("application/graphql")
        || type.equals("application/yaml")
        || type.equals("application/x-yaml");
  }

  static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
