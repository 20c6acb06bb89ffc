package dev.idem.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives: its constant {@code Input}, the part its {@code InputPath} selects, what
 * its {@code InputTransformer} builds, or the event.
 *
 * <p>An input transformer's template names variables as {@code <name>}: those of its {@code
 * InputPathsMap} (each a JSON path into the event) and EventBridge's own ({@code
 * <aws.events.rule-arn>}, {@code <aws.events.rule-name>}, {@code <aws.events.event>}, {@code
 * <aws.events.event.json>}, {@code <aws.events.event.ingestion-time>}). Inside a JSON string a
 * value is written as its text; elsewhere as JSON (a string quoted), as EventBridge writes it; a
 * path that selects nothing gives {@code null} (an empty text inside a string).
 */
final class TargetInput {

  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

  private TargetInput() {}

  static String body(EventRule rule, EventRule.Target target, ObjectNode event, String eventJson) {
    if (target.input() != null) {
      return target.input();
    }
    if (target.inputPath() != null) {
      JsonNode selected = event.at(pointer(target.inputPath()));
      return selected.isMissingNode() ? "null" : selected.toString();
    }
    if (target.inputTemplate() != null) {
      return transform(rule, target, event, eventJson);
    }
    return eventJson;
  }

  /** {@code $.detail.order} → {@code /detail/order}. */
  static String pointer(String path) {
    String rest = path.startsWith("$") ? path.substring(1) : path;
    return rest.isEmpty() ? "" : rest.replace("~", "~0").replace("/", "~1").replace('.', '/');
  }

  private static String transform(
      EventRule rule, EventRule.Target target, ObjectNode event, String eventJson) {
    String template = target.inputTemplate();
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (matcher.find()) {
      JsonNode value = value(matcher.group(1), rule, target.inputPathsMap(), event, eventJson);
      if (value == null) {
        continue; // not a variable: the text stays as written
      }
      out.append(template, from, matcher.start());
      out.append(insideString(template, matcher.start()) ? text(value) : json(value));
      from = matcher.end();
    }
    return out.append(template.substring(from)).toString();
  }

  private static JsonNode value(
      String name, EventRule rule, Map<String, String> paths, ObjectNode event, String eventJson) {
    com.fasterxml.jackson.databind.node.JsonNodeFactory nodes = AwsJson.MAPPER.getNodeFactory();
    return switch (name) {
      case "aws.events.rule-arn" -> nodes.textNode(rule.arn());
      case "aws.events.rule-name" -> nodes.textNode(rule.name());
      case "aws.events.event", "aws.events.event.json" -> event;
      case "aws.events.event.ingestion-time" -> event.path("time");
      default -> {
        String path = paths == null ? null : paths.get(name);
        yield path == null ? null : event.at(pointer(path));
      }
    };
  }

  private static String json(JsonNode value) {
    return value.isMissingNode() ? "null" : value.toString();
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    String raw = value.isValueNode() ? value.asText() : value.toString();
    String quoted = AwsJson.MAPPER.getNodeFactory().textNode(raw).toString();
    return quoted.substring(1, quoted.length() - 1);
  }

  /** Whether position {@code at} of the template lies inside a JSON string literal. */
  private static boolean insideString(String template, int at) {
    boolean inside = false;
    for (int i = 0; i < at; i++) {
      char c = template.charAt(i);
      if (c == '\\' && inside) {
        i++;
      } else if (c == '"') {
        inside = !inside;
      }
    }
    return inside;
  }
}
