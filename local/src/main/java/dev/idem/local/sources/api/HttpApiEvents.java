package dev.idem.local.sources.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Request;
import dev.idem.local.sources.Json;
import dev.idem.testing.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP requests as an HTTP API's payload format 2.0 event ({@code APIGatewayV2HTTPEvent} JSON):
 * headers lower-case with repeated values joined by commas, cookies apart, query parameters joined
 * the same way, {@code rawPath} and {@code rawQueryString}, and a request context with the route
 * key, stage and a new request id.
 */
final class HttpApiEvents {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  static byte[] event(Request request, RouteTable.Match match, String requestId, Instant now) {
    ApiRoute route = match.route();
    String routeKey =
        route.isDefault() ? ApiRoute.DEFAULT_ROUTE : route.method() + " " + route.pathTemplate();
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", request.path());
    event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
    cookies(event, request.headers());
    headers(event, request.headers());
    query(event, request.rawQuery());
    optionalMap(event, "pathParameters", match.pathParameters());
    optionalMap(event, "stageVariables", route.stage().variables());
    context(event.putObject("requestContext"), request, route, routeKey, requestId, now);
    body(event, request);
    return Json.bytes(event);
  }

  private static void cookies(ObjectNode event, Map<String, List<String>> headers) {
    List<String> cookies = new ArrayList<>();
    headers.forEach((name, values) -> {
      if (name.equalsIgnoreCase("cookie")) {
        values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
      }
    });
    if (!cookies.isEmpty()) {
      ArrayNode array = event.putArray("cookies");
      cookies.forEach(array::add);
    }
  }

  private static void headers(ObjectNode event, Map<String, List<String>> headers) {
    ObjectNode node = event.putObject("headers");
    headers.forEach((name, values) -> {
      if (!name.equalsIgnoreCase("cookie")) {
        node.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
      }
    });
  }

  private static void query(ObjectNode event, String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          String name = ProxyEvents.decode(equals < 0 ? pair : pair.substring(0, equals));
          String value = equals < 0 ? "" : ProxyEvents.decode(pair.substring(equals + 1));
          parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }
    Map<String, String> joined = new LinkedHashMap<>();
    parameters.forEach((name, values) -> joined.put(name, String.join(",", values)));
    optionalMap(event, "queryStringParameters", joined);
  }

  /** Version 2.0 leaves out an empty map rather than sending null. */
  private static void optionalMap(ObjectNode event, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode node = event.putObject(field);
      values.forEach(node::put);
    }
  }

  private static void context(
      ObjectNode context,
      Request request,
      ApiRoute route,
      String routeKey,
      String requestId,
      Instant now) {
    context.put("accountId", LocalAccount.ID);
    context.put("apiId", route.stage().apiId());
    String host = request.header("Host").orElse("localhost");
    context.put("domainName", host);
    context.put("domainPrefix", host.split("[.:]", 2)[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.path());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", request.header("User-Agent").orElse(""));
    context.put("requestId", requestId);
    context.put("routeKey", routeKey);
    context.put("stage", route.stage().name());
    context.put("time", TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
  }

  private static void body(ObjectNode event, Request request) {
    if (request.body().length == 0) {
      event.put("isBase64Encoded", false);
    } else if (ProxyEvents.isText(request.header("Content-Type").orElse(null))) {
      event.put("body", new String(request.body(), StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    } else {
      event.put("body", Base64.getEncoder().encodeToString(request.body()));
      event.put("isBase64Encoded", true);
    }
  }
}
