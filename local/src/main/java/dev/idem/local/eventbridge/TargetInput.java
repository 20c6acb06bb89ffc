package dev.idem.local.eventbridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsError;
import dev.idem.local.aws.AwsJson;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives, as EventBridge builds it ("Amazon EventBridge input transformation", User
 * Guide; PutTargets and InputTransformer, API Reference): its constant {@code Input}, the part of
 * the event its {@code InputPath} selects, what its {@code InputTransformer} builds, or the event.
 *
 * <p>A template that is a JSON object (it starts with <code>{</code>) takes a value written where a
 * JSON value goes as JSON (a string quoted, an object as an object), and a value written inside a
 * JSON string as its text, unescaped ("EventBridge doesn't escape values extracted by Input Path");
 * any other template is text and takes every value as its text. A path that selects nothing gives
 * an empty string (AWS-recorded: {@code ""} as a JSON value, nothing inside text). EventBridge's
 * own variables: {@code <aws.events.rule-arn>}, {@code <aws.events.rule-name>}, {@code
 * <aws.events.event.ingestion-time>} (when EventBridge received the event), {@code
 * <aws.events.event>} (the event without its {@code detail}, {@code detail-type} named {@code
 * detailType}, as AWS sends it) and {@code <aws.events.event.json>} (the whole event).
 *
 * <p>Paths are the JSON path subset EventBridge evaluates: {@code $}, dot notation (names with
 * dashes, underscores, slashes), array indices ({@code [2]}) and wildcards ({@code *}, {@code
 * [*]}); a path with a wildcard selects the array of what it matches.
 */
final class TargetInput {

  /** EventBridge's own variables: no InputPathsMap key may take these names. */
  static final Set<String> PREDEFINED =
      Set.of(
          "aws.events.rule-arn",
          "aws.events.rule-name",
          "aws.events.event",
          "aws.events.event.json",
          "aws.events.event.ingestion-time");

  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-]{1,256}");
  private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+|\\*)]");
  private static final int MAX_VARIABLES = 100;
  private static final JsonNodeFactory NODES = AwsJson.MAPPER.getNodeFactory();

  /** Parses as AWS does when it quotes the text it failed on: the source in the location. */
  private static final ObjectMapper SOURCE_IN_ERRORS =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());

  private TargetInput() {}

  /**
   * Refuses the input settings of a target as PutTargets does.
   *
   * @throws AwsError a {@code ValidationException} naming what is wrong
   */
  static void validate(ObjectNode target) {
    String id = target.path("Id").asText(null);
    int inputs = 0;
    for (String field : new String[] {"Input", "InputPath", "InputTransformer"}) {
      inputs += target.hasNonNull(field) ? 1 : 0;
    }
    if (inputs > 1) {
      throw AwsError.validation(
          "Only one of Input, InputPath, or InputTransformer must be provided for target "
              + id
              + ".");
    }
    if (target.hasNonNull("Input")) {
      constantInput(id, target.get("Input").asText());
    }
    JsonNode transformer = target.path("InputTransformer");
    if (!transformer.isObject()) {
      return;
    }
    JsonNode paths = transformer.path("InputPathsMap");
    if (paths.size() > MAX_VARIABLES) {
      throw AwsError.validation(
          "InputPathsMap of target "
              + id
              + " has "
              + paths.size()
              + " variables; it may have at most "
              + MAX_VARIABLES
              + ".");
    }
    paths.properties().stream()
        .map(Map.Entry::getKey)
        .filter(key -> !KEY.matcher(key).matches())
        .findFirst()
        .ifPresent(key -> {
          throw AwsError.validation(
              "InputPathsMap key "
                  + key
                  + " of target "
                  + id
                  + " must match [A-Za-z0-9_\\-]+ (1 to 256 characters); the aws.events.*"
                  + " variables are EventBridge's own.");
        });
    Matcher matcher = PLACEHOLDER.matcher(transformer.path("InputTemplate").asText(""));
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!paths.has(name) && !PREDEFINED.contains(name)) {
        throw AwsError.validation(
            "InputTemplate for target " + id + " contains invalid placeholder " + name + ".");
      }
    }
  }

  private static void constantInput(String id, String input) {
    try {
      SOURCE_IN_ERRORS.readTree(input);
    } catch (JsonProcessingException e) {
      throw AwsError.validation(
          "JSON syntax error in input for target " + id + ": " + e.getLocation());
    }
  }

  /**
   * The text {@code target} receives for {@code event}.
   *
   * @param eventJson the event as JSON text (what a target without input settings receives)
   * @param ingested when EventBridge received the event
   */
  static String body(
      EventRule rule,
      EventRule.Target target,
      ObjectNode event,
      String eventJson,
      Instant ingested) {
    if (target.input() != null) {
      return target.input();
    }
    if (target.inputPath() != null) {
      JsonNode selected = select(event, target.inputPath());
      return selected.isMissingNode() ? "null" : selected.toString();
    }
    if (target.inputTemplate() != null) {
      return transform(rule, target, event, ingested);
    }
    return eventJson;
  }

  /**
   * What {@code path} selects in {@code root}: a node, the array of the matches of a path with a
   * wildcard, or a missing node when a path without one matches nothing (or is not a path).
   */
  static JsonNode select(JsonNode root, String path) {
    if (!path.startsWith("$")) {
      return MissingNode.getInstance();
    }
    List<JsonNode> nodes = List.of(root);
    boolean definite = true;
    Matcher step = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!step.find(at) || step.start() != at) {
        return MissingNode.getInstance();
      }
      String name = step.group(1) != null ? step.group(1) : step.group(2);
      boolean all = name.equals("*");
      definite &= !all;
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : nodes) {
        if (all) {
          node.forEach(next::add);
        } else if (step.group(1) != null && node.isObject() && node.has(name)) {
          next.add(node.get(name));
        } else if (step.group(2) != null && node.isArray() && node.has(Integer.parseInt(name))) {
          next.add(node.get(Integer.parseInt(name)));
        }
      }
      nodes = next;
      at = step.end();
    }
    if (definite) {
      return nodes.isEmpty() ? MissingNode.getInstance() : nodes.get(0);
    }
    ArrayNode matches = NODES.arrayNode();
    nodes.forEach(matches::add);
    return matches;
  }

  private static String transform(
      EventRule rule, EventRule.Target target, ObjectNode event, Instant ingested) {
    String template = target.inputTemplate();
    boolean json = template.strip().startsWith("{");
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (matcher.find()) {
      JsonNode value = value(matcher.group(1), rule, target.inputPathsMap(), event, ingested);
      if (value == null) {
        continue; // not a variable: the text stays as written
      }
      out.append(template, from, matcher.start());
      boolean asJson = json && !insideString(template, matcher.start());
      out.append(asJson ? json(value) : text(value));
      from = matcher.end();
    }
    return out.append(template.substring(from)).toString();
  }

  private static JsonNode value(
      String name, EventRule rule, Map<String, String> paths, ObjectNode event, Instant ingested) {
    return switch (name) {
      case "aws.events.rule-arn" -> NODES.textNode(rule.arn());
      case "aws.events.rule-name" -> NODES.textNode(rule.name());
      case "aws.events.event" -> withoutDetail(event);
      case "aws.events.event.json" -> event;
      case "aws.events.event.ingestion-time" ->
          NODES.textNode(
              DateTimeFormatter.ISO_INSTANT.format(ingested.truncatedTo(ChronoUnit.SECONDS)));
      default -> {
        String path = paths == null ? null : paths.get(name);
        yield path == null ? null : select(event, path);
      }
    };
  }

  /** The event as {@code <aws.events.event>} gives it: no detail, {@code detailType}. */
  private static ObjectNode withoutDetail(ObjectNode event) {
    ObjectNode copy = NODES.objectNode();
    event
        .properties()
        .forEach(field -> {
          switch (field.getKey()) {
            case "detail" -> {}
            case "detail-type" -> copy.set("detailType", field.getValue());
            default -> copy.set(field.getKey(), field.getValue());
          }
        });
    return copy;
  }

  private static String json(JsonNode value) {
    return value.isMissingNode() ? "\"\"" : value.toString();
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : value.toString();
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
