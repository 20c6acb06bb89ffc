package dev.idem.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A proxy integration's answer ({@code APIGatewayProxyResponseEvent} JSON) as the HTTP response.
 */
final class ProxyResponses {

  /** The response, and what to log about it. */
  record Mapped(Response response, String outcome) {}

  private ProxyResponses() {}

  static Mapped map(byte[] payload) {
    JsonNode answer = Json.parse(payload).orElse(null);
    if (answer == null || !answer.isObject()) {
      return malformed("the response is not a JSON object");
    }
    JsonNode status = answer.path("statusCode");
    if (!status.canConvertToInt() || !status.isIntegralNumber()) {
      return malformed("statusCode is missing or not an integer");
    }
    int code = status.intValue();
    if (code < 100 || code > 599) {
      return malformed("statusCode " + code + " is not an HTTP status");
    }
    byte[] body;
    try {
      body = body(answer);
    } catch (IllegalArgumentException e) {
      return malformed("isBase64Encoded is true but the body is not base64");
    }
    Map<String, List<String>> headers = headers(answer);
    if (!headers.containsKey("Content-Type")) {
      headers.put("Content-Type", List.of("application/json"));
    }
    return new Mapped(new Response(code, headers, body), Integer.toString(code));
  }

  static Response error(int status, String errorType, String message) {
    return Response.json(status, "{\"message\":\"" + message + "\"}")
        .withHeader("x-amzn-ErrorType", errorType);
  }

  /** API Gateway's merge: a name in both maps keeps the multi-value list plus any other value. */
  private static Map<String, List<String>> headers(JsonNode answer) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    answer
        .path("multiValueHeaders")
        .properties()
        .forEach(entry -> {
          List<String> values = new ArrayList<>();
          entry.getValue().forEach(value -> values.add(value.asText()));
          headers.put(entry.getKey(), values);
        });
    answer
        .path("headers")
        .properties()
        .forEach(entry -> {
          List<String> values = headers.computeIfAbsent(entry.getKey(), k -> new ArrayList<>());
          if (!values.contains(entry.getValue().asText())) {
            values.add(entry.getValue().asText());
          }
        });
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

  private static Mapped malformed(String reason) {
    return new Mapped(
        error(502, "InternalServerErrorException", "Internal server error"),
        "502 malformed proxy response: " + reason);
  }
}
