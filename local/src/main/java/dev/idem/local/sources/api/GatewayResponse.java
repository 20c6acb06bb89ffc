package dev.idem.local.sources.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What API Gateway answers when it refuses a request itself: a gateway response of one type, with
 * its status, static headers and body templates. The templates are not run through VTL; API Gateway
 * substitutes {@code $context} variables, and so does {@link #render}: {@code
 * $context.error.message}, {@code $context.error.messageString} (quoted), {@code
 * $context.error.validationErrorString}, {@code $context.error.responseType} and {@code
 * $context.requestId}. Values are JSON-escaped, so a JSON template stays JSON.
 *
 * @param statusCode the status
 * @param headers static headers; {@code Content-Type} defaults to {@code application/json}
 * @param templates body templates by content type; the {@code application/json} one is used, else
 *     the first, else API Gateway's default {@code {"message":$context.error.messageString}}
 */
public record GatewayResponse(
    int statusCode, Map<String, String> headers, Map<String, String> templates) {

  private static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";

  /** Checks the status; copies the maps. */
  public GatewayResponse {
    if (statusCode < 100 || statusCode > 599) {
      throw new IllegalArgumentException("Gateway response status " + statusCode);
    }
    headers = Map.copyOf(headers);
    templates = Map.copyOf(templates);
  }

  /**
   * API Gateway's own response to an invalid body: 400 {@code {"message":"Invalid request body"}}.
   */
  public static GatewayResponse badRequestBody() {
    return new GatewayResponse(400, Map.of(), Map.of());
  }

  /**
   * The response for one refusal.
   *
   * @param responseType e.g. {@code BAD_REQUEST_BODY}
   * @param message e.g. {@code Invalid request body}
   * @param validationErrors what failed, for {@code $context.error.validationErrorString}
   * @param requestId the request's id
   */
  Response render(String responseType, String message, String validationErrors, String requestId) {
    Map<String, String> values = new LinkedHashMap<>();
    // Longest names first: $context.error.message is a prefix of $context.error.messageString.
    values.put("$context.error.validationErrorString", escaped(validationErrors));
    values.put("$context.error.messageString", "\"" + escaped(message) + "\"");
    values.put("$context.error.message", escaped(message));
    values.put("$context.error.responseType", responseType);
    values.put("$context.requestId", requestId);
    String body = template();
    for (Map.Entry<String, String> value : values.entrySet()) {
      body = body.replace(value.getKey(), value.getValue());
    }
    Map<String, List<String>> all = new LinkedHashMap<>();
    all.put("Content-Type", List.of("application/json"));
    headers.forEach((name, value) -> {
      all.keySet().removeIf(name::equalsIgnoreCase);
      all.put(name, List.of(value));
    });
    return new Response(statusCode, all, body.getBytes(StandardCharsets.UTF_8));
  }

  private String template() {
    String json = templates.get("application/json");
    if (json != null) {
      return json;
    }
    return templates.values().stream().findFirst().orElse(DEFAULT_TEMPLATE);
  }

  private static String escaped(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(Objects.toString(text, "")));
  }
}
