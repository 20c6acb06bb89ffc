package dev.idem.local.sources.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Response;
import dev.idem.local.sources.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The REST API's contract with a Lambda proxy integration's answer ({@code
 * APIGatewayProxyResponseEvent} JSON), in one place: which answers API Gateway turns into the HTTP
 * response, and which it refuses with 502 {@code {"message": "Internal server error"}}.
 *
 * <p>Accepted: a JSON object whose keys are among {@code statusCode}, {@code headers}, {@code
 * multiValueHeaders}, {@code body} and {@code isBase64Encoded}, every one optional and null as good
 * as absent ({@code {}} is 200 with no body). {@code statusCode} is a number or a numeric string;
 * {@code headers} maps names to strings or booleans (sent as {@code true}/{@code false}); {@code
 * multiValueHeaders} maps names to lists; {@code body} is a string. A name in both header maps, in
 * any letter case, takes the name and values of {@code multiValueHeaders} only. Header names keep
 * the function's case. Without {@code Content-Type} the response is {@code application/json}. A
 * body marked {@code isBase64Encoded} is decoded only when the first media type of the request's
 * {@code Accept} is one of the API's binary media types; otherwise the base64 text is sent as it
 * is.
 *
 * <p>Refused (502): anything else — not JSON, not an object, another key, a non-numeric status, a
 * status outside 100–599, a header value that is a number, object or null, a multi-value entry that
 * is not a list, a body that is not a string. A base64 body to decode that does not decode is API
 * Gateway's {@code API_CONFIGURATION_ERROR}: 500 {@code {"message": "Internal server error"}}.
 */
final class ProxyResponses {

  /** The response, and what to log about it. */
  record Mapped(Response response, String outcome) {}

  private static final Set<String> KEYS =
      Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

  /** Why an answer is refused, and with which status; thrown only inside this class. */
  private static final class Malformed extends Exception {
    private final int status;

    Malformed(String reason) {
      this(502, reason);
    }

    Malformed(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private ProxyResponses() {}

  /**
   * The HTTP response for a function's answer.
   *
   * @param payload the function's answer
   * @param binary the API's binary media types
   * @param accept the request's {@code Accept} header, or null
   */
  static Mapped map(byte[] payload, BinaryMediaTypes binary, String accept) {
    try {
      JsonNode answer = object(payload);
      int status = status(answer.get("statusCode"));
      Map<String, List<String>> headers = headers(answer);
      if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
        headers.put("Content-Type", List.of("application/json"));
      }
      byte[] body = body(answer, binary.acceptsBinary(accept));
      return new Mapped(new Response(status, headers, body), Integer.toString(status));
    } catch (Malformed e) {
      String what = e.status == 502 ? " malformed proxy response: " : " configuration error: ";
      return new Mapped(
          error(e.status, "InternalServerErrorException", "Internal server error"),
          e.status + what + e.getMessage());
    }
  }

  static Response error(int status, String errorType, String message) {
    return Response.json(status, "{\"message\":\"" + message + "\"}")
        .withHeader("x-amzn-ErrorType", errorType);
  }

  private static JsonNode object(byte[] payload) throws Malformed {
    JsonNode answer = Json.parse(payload).orElse(null);
    if (answer == null || !answer.isObject()) {
      throw new Malformed("the response is not a JSON object");
    }
    for (String key : (Iterable<String>) answer::fieldNames) {
      if (!KEYS.contains(key)) {
        throw new Malformed("unknown key " + key);
      }
    }
    return answer;
  }

  private static int status(JsonNode status) throws Malformed {
    if (status == null || status.isNull()) {
      return 200;
    }
    Optional<Integer> code = Optional.empty();
    if (status.isIntegralNumber() && status.canConvertToInt()) {
      code = Optional.of(status.intValue());
    } else if (status.isTextual() && status.asText().matches("\\d{1,3}")) {
      code = Optional.of(Integer.parseInt(status.asText()));
    }
    if (code.isEmpty() || code.get() < 100 || code.get() > 599) {
      throw new Malformed("statusCode " + status + " is not an HTTP status");
    }
    return code.get();
  }

  /** Single-value headers first, then each multi-value name replaces the same name in any case. */
  private static Map<String, List<String>> headers(JsonNode answer) throws Malformed {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : fields(answer, "headers")) {
      headers.put(entry.getKey(), List.of(text(entry.getKey(), entry.getValue())));
    }
    for (Map.Entry<String, JsonNode> entry : fields(answer, "multiValueHeaders")) {
      if (!entry.getValue().isArray()) {
        throw new Malformed("multiValueHeaders." + entry.getKey() + " is not a list");
      }
      List<String> values = new ArrayList<>();
      for (JsonNode value : entry.getValue()) {
        values.add(text(entry.getKey(), value));
      }
      headers.keySet().removeIf(entry.getKey()::equalsIgnoreCase);
      headers.put(entry.getKey(), values);
    }
    return headers;
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode answer, String name)
      throws Malformed {
    JsonNode node = answer.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new Malformed(name + " is not an object");
    }
    return node.properties();
  }

  private static String text(String name, JsonNode value) throws Malformed {
    if (value.isTextual() || value.isBoolean()) {
      return value.asText();
    }
    throw new Malformed("header " + name + " is not a string: " + value);
  }

  private static byte[] body(JsonNode answer, boolean binary) throws Malformed {
    JsonNode body = answer.get("body");
    if (body == null || body.isNull()) {
      return new byte[0];
    }
    if (!body.isTextual()) {
      throw new Malformed("body is not a string");
    }
    if (!binary || !answer.path("isBase64Encoded").asBoolean(false)) {
      return body.asText().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body.asText().replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new Malformed(500, "isBase64Encoded is true but the body is not base64");
    }
  }
}
