package dev.idem.local.otherapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/** Answers any API proxy event (format 1.0 or 2.0) with that event, as JSON, and its own name. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String body =
        "{\"function\":" + json(context.getFunctionName()) + ",\"event\":" + json(event) + "}";
    return Map.of(
        "statusCode", 200, "headers", Map.of("Content-Type", "application/json"), "body", body);
  }

  /** JSON of maps, lists, strings, numbers, booleans and null: all a deserialized event holds. */
  static String json(Object value) {
    return switch (value) {
      case null -> "null";
      case String text -> quoted(text);
      case Number number -> number.toString();
      case Boolean bool -> bool.toString();
      case Map<?, ?> map -> {
        StringBuilder out = new StringBuilder("{");
        map.forEach((key, item) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(quoted(String.valueOf(key))).append(':').append(json(item));
        });
        yield out.append('}').toString();
      }
      case List<?> list -> {
        StringBuilder out = new StringBuilder("[");
        for (Object item : list) {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(json(item));
        }
        yield out.append(']').toString();
      }
      default -> quoted(value.toString());
    };
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
