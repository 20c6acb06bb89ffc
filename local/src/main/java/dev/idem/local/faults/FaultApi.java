package dev.idem.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fault API on the edge port.
 *
 * <ul>
 *   <li>{@code /_localstack/chaos/faults}, LocalStack's Chaos API: {@code GET} lists the rules,
 *       {@code POST} replaces them with the posted list, {@code PATCH} appends the posted rules,
 *       {@code DELETE} removes the posted rules; each answers with the rules then in force;
 *   <li>{@code /_localstack/chaos/effects}: {@code GET} shows, {@code POST} sets {@code {"latency":
 *       ms}};
 *   <li>{@code /_idem/faults}: the same four verbs for Idem's rules ({@link FaultRule}); {@code
 *       DELETE} removes rules by {@code name}, or, for a posted rule without one, every rule equal
 *       to it;
 *   <li>{@code /_idem/faults/log}: {@code GET} answers the counts by kind and by rule and the
 *       entries kept ({@code ?after=N}: those numbered above N).
 * </ul>
 *
 * Bad input is a 400 {@code {"error": "...", "message": "..."}} naming the field, and leaves the
 * rules in force as they were.
 */
public final class FaultApi implements HttpService {

  /** The paths it serves, for the edge to route. */
  public static final List<String> PATHS =
      List.of("/_localstack/chaos/faults", "/_localstack/chaos/effects", "/_idem/faults");

  private static final Set<String> VERBS = Set.of("GET", "POST", "PATCH", "DELETE");

  private final Faults faults;

  /** The API over {@code faults}. */
  public FaultApi(Faults faults) {
    this.faults = faults;
  }

  /** Whether the API answers this path. */
  public static boolean serves(String path) {
    return path.startsWith("/_localstack/chaos/") || path.startsWith("/_idem/faults");
  }

  @Override
  public Response handle(Request request) {
    try {
      return switch (request.path()) {
        case "/_localstack/chaos/faults" -> chaos(request);
        case "/_localstack/chaos/effects" -> effects(request);
        case "/_idem/faults", "/_idem/faults/" -> idem(request);
        case "/_idem/faults/log" -> log(request);
        default -> problem(404, "NotFound", "No fault API at " + request.path());
      };
    } catch (FaultRuleException e) {
      return problem(400, "InvalidFaultRule", e.getMessage());
    }
  }

  private Response chaos(Request request) {
    String method = request.method();
    if (!VERBS.contains(method)) {
      return notAllowed(method, "GET, POST, PATCH, DELETE");
    }
    if (!method.equals("GET")) {
      List<ChaosRule> posted = FaultJson.chaosRules(body(request), "body");
      switch (method) {
        case "POST" -> faults.replaceChaos(posted);
        case "PATCH" -> faults.appendChaos(posted);
        default -> faults.removeChaos(posted);
      }
    }
    return json(FaultJson.writeChaosRules(faults.chaosRules()));
  }

  private Response effects(Request request) {
    String method = request.method();
    if (method.equals("POST") || method.equals("PUT")) {
      JsonNode body = body(request);
      if (!body.isObject()) {
        throw new FaultRuleException("body must be an object {\"latency\": ms}");
      }
      FaultJson.rejectUnknown(body, Set.of("latency"), "body");
      faults.latency(Duration.ofMillis(FaultJson.longField(body.get("latency"), "latency", 0)));
    } else if (!method.equals("GET")) {
      return notAllowed(method, "GET, POST");
    }
    ObjectNode answer = FaultJson.MAPPER.createObjectNode();
    answer.put("latency", faults.latency().toMillis());
    return json(answer);
  }

  private Response idem(Request request) {
    String method = request.method();
    if (!VERBS.contains(method)) {
      return notAllowed(method, "GET, POST, PATCH, DELETE");
    }
    if (!method.equals("GET")) {
      JsonNode body = body(request);
      if (!body.isArray()) {
        throw new FaultRuleException("body must be a JSON list of rules");
      }
      apply(method, body);
    }
    return json(FaultJson.writeRules(faults.rules()));
  }

  private void apply(String method, JsonNode body) {
    switch (method) {
      case "POST" -> faults.replace(FaultJson.rules(body, "body", 1));
      case "PATCH" -> {
        List<FaultRule> rules = FaultJson.rules(body, "body", 1);
        int first = faults.nextRuleNumber(rules.size());
        faults.append(FaultJson.rules(body, "body", first));
      }
      default -> {
        List<FaultRule> rules = FaultJson.rules(body, "body", 1);
        List<Boolean> named = new ArrayList<>();
        body.forEach(rule -> named.add(rule.has("name")));
        faults.remove(rules, named);
      }
    }
  }

  private Response log(Request request) {
    if (!request.method().equals("GET")) {
      return notAllowed(request.method(), "GET");
    }
    long after = 0;
    String query = request.rawQuery();
    if (query != null && !query.isEmpty()) {
      // A mistyped or repeated parameter is refused rather than ignored: a page polling with it
      // would otherwise be shown the whole log each time without a word.
      boolean given = false;
      for (String pair : query.split("&")) {
        if (!pair.startsWith("after=")) {
          throw new FaultRuleException(
              "unknown parameter " + pair.split("=", 2)[0] + "; the log takes only after");
        }
        if (given) {
          throw new FaultRuleException("after is given twice");
        }
        given = true;
        try {
          after = Long.parseLong(pair.substring("after=".length()));
        } catch (NumberFormatException e) {
          throw new FaultRuleException("after must be a whole number");
        }
      }
    }
    ObjectNode answer = faults.log().json(after);
    answer.put("seed", faults.seed());
    return json(answer);
  }

  private static JsonNode body(Request request) {
    return FaultJson.parse(request.bodyText());
  }

  private static Response json(JsonNode body) {
    return Response.json(200, body.toString());
  }

  private static Response notAllowed(String method, String allowed) {
    return problem(405, "MethodNotAllowed", method + " is not supported here; use " + allowed)
        .withHeader("Allow", allowed);
  }

  private static Response problem(int status, String error, String message) {
    ObjectNode body = FaultJson.MAPPER.createObjectNode().put("error", error);
    body.put("message", message);
    return Response.json(status, body.toString());
  }
}
