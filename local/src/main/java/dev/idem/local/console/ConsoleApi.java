package dev.idem.local.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.eventbridge.EventBridgeService;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.template.StackSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * Serves the console under {@code /_idem/} on the edge port: the page ({@code GET /_idem/}), its
 * assets ({@code /_idem/assets/console.css}, {@code console.js}) and the JSON it polls:
 *
 * <ul>
 *   <li>{@code GET /_idem/api/overview}: functions, queues, tables and bus rules with their counts;
 *   <li>{@code GET /_idem/api/invocations?limit=N}: the last N invocations (default 50, at most the
 *       log's capacity), newest first.
 * </ul>
 *
 * Anything else under {@code /_idem/} gets a 404, another method a 405 and a bad {@code limit} a
 * 400, each with a JSON body {@code {"error": ..., "message": ...}} as the fault API answers.
 */
public final class ConsoleApi implements HttpService {

  /** The path prefix the edge routes here. */
  public static final String PREFIX = "/_idem/";

  private static final int DEFAULT_LIMIT = 50;
  private static final Map<String, String> ASSETS =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8");

  private final Overview overview;
  private final InvocationLog invocations;
  private final byte[] page = resource("index.html");
  private final Map<String, byte[]> assets =
      Map.of("console.css", resource("console.css"), "console.js", resource("console.js"));

  /** A console over a running cloud's parts; {@code invocations} must be listening already. */
  public ConsoleApi(
      LambdaRuntime lambda,
      AwsClients clients,
      StackSpec stack,
      EventBridgeService eventBridge,
      InvocationLog invocations,
      Clock clock) {
    this.overview = new Overview(lambda, clients, stack, eventBridge, invocations, clock);
    this.invocations = invocations;
  }

  /**
   * What {@code /_idem/} answers when the console is turned off ({@code --no-console}): a 404
   * saying so, for every path under it.
   */
  public static HttpService off() {
    return request ->
        problem(
            404,
            "ConsoleOff",
            "The console is off (bin/idem local --no-console); nothing is captured or served");
  }

  @Override
  public Response handle(Request request) {
    String path = request.path();
    if (!"GET".equals(request.method())) {
      return problem(405, "MethodNotAllowed", request.method() + " is not supported; use GET")
          .withHeader("Allow", "GET");
    }
    if (path.equals(PREFIX)) {
      return new Response(200, Map.of(), page)
          .withHeader("Content-Type", "text/html; charset=utf-8")
          .withHeader("Cache-Control", "no-store");
    }
    if (path.startsWith(PREFIX + "assets/")) {
      String name = path.substring((PREFIX + "assets/").length());
      return ASSETS.containsKey(name)
          ? new Response(200, Map.of(), assets.get(name))
              .withHeader("Content-Type", ASSETS.get(name))
              .withHeader("Cache-Control", "no-store")
          : problem(
              404, "NotFound", "No console asset " + name + " (assets: " + ASSETS.keySet() + ")");
    }
    return switch (path) {
      case PREFIX + "api/overview" -> Response.json(200, overview.json().toString());
      case PREFIX + "api/invocations" -> invocations(request.rawQuery());
      default ->
          problem(
              404,
              "NotFound",
              "Nothing at "
                  + path
                  + "; the console serves /_idem/, /_idem/api/overview and"
                  + " /_idem/api/invocations?limit=N");
    };
  }

  private Response invocations(String query) {
    int limit = DEFAULT_LIMIT;
    for (String pair : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
      String[] parts = pair.split("=", 2);
      if (!parts[0].equals("limit")) {
        return problem(400, "InvalidParameter", "Unknown parameter " + parts[0] + "; use limit");
      }
      String value = parts.length > 1 ? parts[1] : "";
      try {
        limit = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > invocations.capacity()) {
        return problem(
            400,
            "InvalidParameter",
            "limit must be a whole number from 1 to " + invocations.capacity() + ", was " + value);
      }
    }
    ObjectNode body = AwsJson.MAPPER.createObjectNode();
    body.put("total", invocations.total()).put("capacity", invocations.capacity());
    ArrayNode list = body.putArray("invocations");
    for (InvocationLog.Entry entry : invocations.recent(limit)) {
      ObjectNode row =
          list.addObject()
              .put("sequence", entry.sequence())
              .put("at", entry.at().toString())
              .put("function", entry.function())
              .put("source", entry.source())
              .put("batchSize", entry.batchSize())
              .put("durationMs", entry.duration().toNanos() / 1_000_000.0)
              .put("outcome", entry.outcome());
      row.put("errorType", entry.errorType()).put("requestId", entry.requestId());
    }
    return Response.json(200, body.toString());
  }

  private static Response problem(int status, String error, String message) {
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("error", error).put("message", message);
    return Response.json(status, body.toString());
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConsoleApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The console's " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
