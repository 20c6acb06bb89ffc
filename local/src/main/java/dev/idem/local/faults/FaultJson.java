package dev.idem.local.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes fault rules as JSON, strictly: an unknown field or kind, a wrong type, a
 * probability outside 0..1 or an unknown service is a {@link FaultRuleException} naming the field.
 */
final class FaultJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The services the local cloud serves, by the names rules use. */
  static final Set<String> SERVICES =
      Set.of("dynamodb", "dynamodbstreams", "sqs", "events", "lambda");

  private static final Set<String> COMMON =
      Set.of("kind", "name", "probability", "limit", "window");
  private static final Set<String> CHAOS_FIELDS =
      Set.of("service", "region", "operation", "probability", "error");

  private FaultJson() {}

  static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text == null ? "" : text);
      if (node == null || node.isMissingNode()) {
        throw new FaultRuleException("the body must be JSON (a list of rules)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new FaultRuleException("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  // ---------------------------------------------------------------- Idem rules

  /** Reads a JSON list of Idem rules; {@code path} names the list in messages. */
  static List<FaultRule> rules(JsonNode list, String path, int firstNumber) {
    if (!list.isArray()) {
      throw new FaultRuleException(path + " must be a JSON list of rules");
    }
    List<FaultRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), path + "[" + i + "]", firstNumber + i));
    }
    return rules;
  }

  private static FaultRule rule(JsonNode node, String path, int number) {
    if (!node.isObject()) {
      throw new FaultRuleException(path + " must be a JSON object");
    }
    String kindId = requiredText(node, "kind", path);
    FaultKind kind =
        FaultKind.byId(kindId)
            .orElseThrow(() ->
                new FaultRuleException(
                    path
                        + ".kind: unknown kind '"
                        + kindId
                        + "' (kinds: "
                        + FaultKind.ids()
                        + ")"));
    Map<String, String> match = new LinkedHashMap<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (kind.matchFields().contains(field)) {
        match.put(field, matchValue(node.get(field), path + "." + field, field));
      } else if (!COMMON.contains(field) && !kind.parameters().contains(field)) {
        throw new FaultRuleException(
            path
                + "."
                + field
                + ": unknown field for kind "
                + kind.id()
                + " (it takes "
                + allowed(kind)
                + ")");
      }
    }
    try {
      return new FaultRule(
          optionalText(node, "name", path, "rule-" + number),
          kind,
          match,
          probability(node.get("probability"), path),
          longField(node.get("limit"), path + ".limit", 0),
          window(node.get("window"), path + ".window"),
          error(node.get("error"), path + ".error"),
          answer(node.get("answer"), path + ".answer", kind),
          latency(node.get("latencyMs"), path + ".latencyMs", kind),
          (int) longField(node.get("call"), path + ".call", defaultCall(kind)));
    } catch (FaultRuleException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new FaultRuleException(path + ": " + e.getMessage());
    }
  }

  private static int defaultCall(FaultKind kind) {
    return kind == FaultKind.LAMBDA_KILL_AFTER_CALL ? 1 : 0;
  }

  private static List<String> allowed(FaultKind kind) {
    List<String> fields = new ArrayList<>(COMMON);
    fields.addAll(kind.matchFields());
    fields.addAll(kind.parameters());
    return fields.stream().sorted().toList();
  }

  private static String matchValue(JsonNode value, String path, String field) {
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new FaultRuleException(path + " must be a non-empty string");
    }
    String text = value.asText();
    if (field.equals("service") && !SERVICES.contains(text)) {
      throw new FaultRuleException(
          path
              + ": unknown service '"
              + text
              + "' (the local cloud serves "
              + sorted(SERVICES)
              + ")");
    }
    return Names.of(field, text);
  }

  private static FaultRule.Window window(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new FaultRuleException(path + " must be an object {\"from\": s, \"until\": s}");
    }
    rejectUnknown(node, Set.of("from", "until"), path);
    Duration from = seconds(node.get("from"), path + ".from", Duration.ZERO);
    Duration until = seconds(node.get("until"), path + ".until", null);
    if (until != null && until.compareTo(from) <= 0) {
      throw new FaultRuleException(path + ".until must be greater than from");
    }
    return new FaultRule.Window(from, until);
  }

  private static Duration seconds(JsonNode node, String path, Duration absent) {
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isNumber() || node.asDouble() < 0) {
      throw new FaultRuleException(path + " must be a number of seconds, 0 or more");
    }
    return Duration.ofMillis(Math.round(node.asDouble() * 1000));
  }

  private static FaultRule.Answer answer(JsonNode node, String path, FaultKind kind) {
    if (node == null || node.isNull()) {
      return kind == FaultKind.STUB_APPLIED_LOST
          ? FaultRule.Answer.TIMEOUT
          : FaultRule.Answer.ERROR;
    }
    List<FaultRule.Answer> allowed =
        kind == FaultKind.STUB_APPLIED_LOST
            ? List.of(FaultRule.Answer.TIMEOUT, FaultRule.Answer.RESET)
            : List.of(FaultRule.Answer.ERROR, FaultRule.Answer.RESET);
    for (FaultRule.Answer answer : allowed) {
      if (answer.id().equals(node.asText()) && node.isTextual()) {
        return answer;
      }
    }
    throw new FaultRuleException(
        path + " must be one of " + allowed.stream().map(FaultRule.Answer::id).toList());
  }

  private static Duration latency(JsonNode node, String path, FaultKind kind) {
    if (node == null || node.isNull()) {
      if (kind == FaultKind.AWS_LATENCY || kind == FaultKind.LAMBDA_SLOW_START) {
        throw new FaultRuleException(path + " is required for kind " + kind.id());
      }
      return kind == FaultKind.STUB_APPLIED_LOST ? Duration.ofSeconds(30) : null;
    }
    return Duration.ofMillis(longField(node, path, 0));
  }

  // ---------------------------------------------------------------- LocalStack rules

  /** Reads a JSON list of LocalStack Chaos API rules. */
  static List<ChaosRule> chaosRules(JsonNode list, String path) {
    if (!list.isArray()) {
      throw new FaultRuleException(path + " must be a JSON list of rules");
    }
    List<ChaosRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(chaosRule(list.get(i), path + "[" + i + "]"));
    }
    return rules;
  }

  private static ChaosRule chaosRule(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new FaultRuleException(path + " must be a JSON object");
    }
    rejectUnknown(node, CHAOS_FIELDS, path);
    String service = optionalText(node, "service", path, null);
    if (service != null && !SERVICES.contains(service)) {
      throw new FaultRuleException(
          path
              + ".service: unknown service '"
              + service
              + "' (the local cloud serves "
              + sorted(SERVICES)
              + ")");
    }
    JsonNode probability = node.get("probability");
    return new ChaosRule(
        service,
        optionalText(node, "region", path, null),
        optionalText(node, "operation", path, null),
        probability == null || probability.isNull() ? null : probability(probability, path),
        error(node.get("error"), path + ".error"));
  }

  static ObjectNode write(ChaosRule rule) {
    ObjectNode node = MAPPER.createObjectNode();
    putIfPresent(node, "service", rule.service());
    putIfPresent(node, "region", rule.region());
    putIfPresent(node, "operation", rule.operation());
    if (rule.probability() != null) {
      node.put("probability", rule.probability());
    }
    if (rule.error() != null) {
      node.set("error", write(rule.error()));
    }
    return node;
  }

  static ObjectNode write(FaultRule rule) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", rule.name());
    node.put("kind", rule.kind().id());
    rule.match().forEach(node::put);
    node.put("probability", rule.probability());
    if (rule.limit() > 0) {
      node.put("limit", rule.limit());
    }
    if (rule.window() != null) {
      ObjectNode window = node.putObject("window");
      window.put("from", rule.window().from().toMillis() / 1000.0);
      if (rule.window().until() != null) {
        window.put("until", rule.window().until().toMillis() / 1000.0);
      }
    }
    writeParameters(rule, node);
    return node;
  }

  private static void writeParameters(FaultRule rule, ObjectNode node) {
    Set<String> parameters = rule.kind().parameters();
    if (parameters.contains("error")) {
      node.set("error", write(rule.errorOrDefault()));
    }
    if (parameters.contains("answer")) {
      node.put("answer", rule.answer().id());
    }
    if (parameters.contains("latencyMs") && rule.latency() != null) {
      node.put("latencyMs", rule.latency().toMillis());
    }
    if (parameters.contains("call") && rule.call() > 0) {
      node.put("call", rule.call());
    }
  }

  static ArrayNode writeRules(List<FaultRule> rules) {
    ArrayNode list = MAPPER.createArrayNode();
    rules.forEach(rule -> list.add(write(rule)));
    return list;
  }

  static ArrayNode writeChaosRules(List<ChaosRule> rules) {
    ArrayNode list = MAPPER.createArrayNode();
    rules.forEach(rule -> list.add(write(rule)));
    return list;
  }

  private static ObjectNode write(FaultRule.ErrorSpec error) {
    ObjectNode node = MAPPER.createObjectNode().put("statusCode", error.statusCode());
    node.put("code", error.code());
    putIfPresent(node, "message", error.message());
    return node;
  }

  // ---------------------------------------------------------------- shared fields

  static FaultRule.ErrorSpec error(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new FaultRuleException(path + " must be an object {\"statusCode\", \"code\"}");
    }
    rejectUnknown(node, Set.of("statusCode", "code", "message"), path);
    int status = (int) longField(node.get("statusCode"), path + ".statusCode", 503);
    if (status < 400 || status > 599) {
      throw new FaultRuleException(path + ".statusCode must be between 400 and 599");
    }
    String code = optionalText(node, "code", path, status == 503 ? "ServiceUnavailable" : null);
    if (code == null) {
      code = status >= 500 ? "InternalFailure" : "ValidationException";
    }
    return new FaultRule.ErrorSpec(status, code, optionalText(node, "message", path, null));
  }

  private static double probability(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return 1;
    }
    if (!node.isNumber() || !(node.asDouble() >= 0 && node.asDouble() <= 1)) {
      throw new FaultRuleException(path + ".probability must be a number between 0 and 1");
    }
    return node.asDouble();
  }

  static long longField(JsonNode node, String path, long absent) {
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
      throw new FaultRuleException(path + " must be a whole number, 0 or more");
    }
    return node.asLong();
  }

  private static String requiredText(JsonNode node, String field, String path) {
    String text = optionalText(node, field, path, null);
    if (text == null) {
      throw new FaultRuleException(path + "." + field + " is required");
    }
    return text;
  }

  private static String optionalText(JsonNode node, String field, String path, String absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new FaultRuleException(path + "." + field + " must be a non-empty string");
    }
    return value.asText();
  }

  static void rejectUnknown(JsonNode node, Set<String> known, String path) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        throw new FaultRuleException(
            path + "." + field + ": unknown field (known: " + sorted(known) + ")");
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
