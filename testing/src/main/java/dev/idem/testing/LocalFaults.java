package dev.idem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fault API of a running Idem local cloud ({@code bin/idem local}), for tests: install rules,
 * read the fault log, clear them. Closing it clears the rules, so a test leaves no faults behind.
 *
 * {@snippet :
 * try (LocalFaults faults = LocalFaults.at(URI.create("http://127.0.0.1:4566"))) {
 *   faults.install(
 *       LocalFaults.rule("lambda-kill-after-call").match("function", "CapturePaymentFunction")
 *           .set("call", 2).probability(0.2).limit(5),
 *       LocalFaults.rule("sqs-duplicate").probability(0.1));
 *   // drive the system, then check its invariants
 *   assertThat(faults.log().count("lambda-kill-after-call")).isPositive();
 * }
 * }
 */
public final class LocalFaults implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the fault log holds.
   *
   * @param total faults injected since the local cloud started
   * @param byKind faults injected by kind, e.g. {@code aws-error -> 3}
   * @param entries the entries kept (the last 10,000), oldest first, each {@code
   *     {"seq","time","fault","rule","target","requestId"}}
   * @param seed the seed of the run's fault decisions
   */
  public record Log(long total, Map<String, Long> byKind, List<JsonNode> entries, long seed) {

    /** Faults of {@code kind} injected so far. */
    public long count(String kind) {
      return byKind.getOrDefault(kind, 0L);
    }
  }

  private final URI faults;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalFaults(URI faults) {
    this.faults = faults;
  }

  /** The fault API of the local cloud whose edge is {@code edge}, e.g. {@code :4566}. */
  public static LocalFaults at(URI edge) {
    return new LocalFaults(edge.resolve("/_idem/faults"));
  }

  /** A rule of {@code kind} (e.g. {@code aws-error}), matching everything, probability 1. */
  public static Rule rule(String kind) {
    return new Rule(kind);
  }

  /**
   * Replaces the rules in force with these.
   *
   * @return the rules in force, as the local cloud reads them (defaults filled in)
   * @throws IllegalArgumentException with the local cloud's message when it refuses a rule
   */
  public JsonNode install(Rule... rules) {
    return send("POST", faults, array(rules));
  }

  /** Adds these rules after those in force; returns the rules in force. */
  public JsonNode add(Rule... rules) {
    return send("PATCH", faults, array(rules));
  }

  /** Removes every rule: no more faults. */
  public void clear() {
    send("POST", faults, JSON.createArrayNode());
  }

  /** The fault log. */
  public Log log() {
    JsonNode log = send("GET", faults.resolve("/_idem/faults/log"), null);
    Map<String, Long> byKind = new TreeMap<>();
    log.path("byKind")
        .fields()
        .forEachRemaining(e -> byKind.put(e.getKey(), e.getValue().asLong()));
    List<JsonNode> entries = new java.util.ArrayList<>();
    log.path("entries").forEach(entries::add);
    return new Log(log.path("total").asLong(), byKind, entries, log.path("seed").asLong());
  }

  /** Clears the rules. */
  @Override
  public void close() {
    clear();
  }

  private static ArrayNode array(Rule... rules) {
    ArrayNode array = JSON.createArrayNode();
    for (Rule rule : rules) {
      array.add(rule.json.deepCopy());
    }
    return array;
  }

  private JsonNode send(String method, URI uri, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException(
            "The fault API answered "
                + response.statusCode()
                + ": "
                + answer.path("message").asText(response.body()));
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the fault API at " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted calling the fault API", e);
    }
  }

  /** One Idem fault rule, as JSON; see the README's "Test your functions under faults". */
  public static final class Rule {
    private final ObjectNode json = JSON.createObjectNode();

    private Rule(String kind) {
      json.put("kind", kind);
    }

    /**
     * Matches only where {@code field} (function, queue, table, service, operation...) is {@code
     * value}.
     */
    public Rule match(String field, String value) {
      json.put(field, value);
      return this;
    }

    /** A kind's parameter, e.g. {@code call} or {@code latencyMs}. */
    public Rule set(String parameter, long value) {
      json.put(parameter, value);
      return this;
    }

    /** A kind's parameter, e.g. {@code answer}. */
    public Rule set(String parameter, String value) {
      json.put(parameter, value);
      return this;
    }

    /** The chance, 0 to 1, that a matching occasion is faulted. */
    public Rule probability(double probability) {
      json.put("probability", probability);
      return this;
    }

    /** At most this many faults. */
    public Rule limit(long limit) {
      json.put("limit", limit);
      return this;
    }

    /** The rule's name in the fault log. */
    public Rule name(String name) {
      json.put("name", name);
      return this;
    }

    @Override
    public String toString() {
      return json.toString();
    }
  }
}
