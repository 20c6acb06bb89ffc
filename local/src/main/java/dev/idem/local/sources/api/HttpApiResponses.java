package dev.idem.local.sources.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Response;
import dev.idem.local.sources.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function's answer to an HTTP API payload format 2.0 event as the HTTP response: an object with
 * a {@code statusCode} gives the status, {@code headers} (values may be comma-joined), {@code
 * cookies} (each a {@code Set-Cookie}) and the body (base64-decoded when so marked); any other
 * valid JSON is the body of a 200 {@code application/json} response, as HTTP APIs do.
 */
final class HttpApiResponses {

  private HttpApiResponses() {}

  static ProxyResponses.Mapped map(byte[] payload) {
    JsonNode answer = Json.parse(payload).orElse(null);
    if (answer == null) {
      return malformed("the response is not JSON");
    }
    if (!answer.isObject() || !answer.has("statusCode")) {
      Response whole =
          new Response(200, Map.of("Content-Type", List.of("application/json")), payload);
      return new ProxyResponses.Mapped(whole, "200");
    }
    JsonNode status = answer.path("statusCode");
    if (!status.isIntegralNumber() || status.intValue() < 100 || status.intValue() > 599) {
      return malformed("statusCode is not an HTTP status");
    }
    byte[] body;
    try {
      body = body(answer);
    } catch (IllegalArgumentException e) {
      return malformed("isBase64Encoded is true but the body is not base64");
    }
    Response response = new Response(status.intValue(), headers(answer), body);
    return new ProxyResponses.Mapped(response, Integer.toString(status.intValue()));
  }

  /** API Gateway v2's own error answers: {@code {"message": "..."}}. */
  static Response error(int status, String message) {
    return Response.json(status, "{\"message\":\"" + message + "\"}");
  }

  private static Map<String, List<String>> headers(JsonNode answer) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    answer
        .path("headers")
        .properties()
        .forEach(entry -> headers.put(entry.getKey(), List.of(entry.getValue().asText())));
    List<String> cookies = new ArrayList<>();
    answer.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
    if (!cookies.isEmpty()) {
      headers.put("Set-Cookie", cookies);
    }
    headers.putIfAbsent("Content-Type", List.of("application/json"));
    return headers;
  }

  private static byte[] body(JsonNode answer) {
    JsonNode body = answer.path("body");
    if (body.isMissingNode() || body.isNull()) {
      return new byte[0];
    }
    if (answer.path("isBase64Encoded").asBoolean(false)) {
      return Base64.getDecoder().decode(body.asText().replaceAll("\\s", ""));
    }
    return body.asText().getBytes(StandardCharsets.UTF_8);
  }

  private static ProxyResponses.Mapped malformed(String reason) {
    return new ProxyResponses.Mapped(
        error(500, "Internal Server Error"), "500 malformed response: " + reason);
  }
}
