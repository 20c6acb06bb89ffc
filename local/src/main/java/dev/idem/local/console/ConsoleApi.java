package dev.idem.local.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.eventbridge.EventBridgeService;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.sources.stream.StreamEventSource;
import dev.idem.local.template.StackSpec;
import dev.idem.testing.QueueContents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Serves the console under {@code /_idem/} on the edge port:
 *
 * <ul>
 *   <li>its pages: {@code /_idem/} (the overview) and the pages of one thing, {@code
 *       /_idem/<kind>/<name>} as {@link #PAGES} lists them; every page is the same {@code
 *       index.html}, whose script draws the view the path names;
 *   <li>its assets, {@code /_idem/assets/<file>} for the files in {@link #ASSETS};
 *   <li>its JSON, {@code /_idem/api/<segment>[/...]}, each segment answered by one {@link
 *       HttpService} (which checks its own methods and parameters).
 * </ul>
 *
 * Anything else under {@code /_idem/} gets a 404, a page or asset asked with another method than
 * GET a 405, each with a JSON body {@code {"error": ..., "message": ...}} as the fault API answers.
 */
public final class ConsoleApi implements HttpService {

  /** The path prefix the console's pages and JSON are under. */
  public static final String PREFIX = "/_idem/";

  /**
   * What the edge routes here: {@link #PREFIX} without its slash too, so that {@code /_idem} typed
   * by hand is sent on to the overview rather than read as an AWS call.
   */
  public static final String ROUTE = "/_idem";

  /**
   * The kinds of pages beside the overview: {@code /_idem/<kind>} and {@code /_idem/<kind>/<name>}.
   */
  /**
   * The pages, one view each: the overview, the recent flows, the faults page, and one flow,
   * invocation, queue or table by its id or name. Any other path under {@code /_idem/} is a 404.
   */
  private static final Pattern PAGES =
      Pattern.compile(
          "/_idem/(?:flows/?|fault-injection|(?:flows|invocations|queues|tables)/[^/]+)?");

  /** The page's files, with their media types; each view is a script of its own. */
  static final Map<String, String> ASSETS =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "overview.js", "text/javascript; charset=utf-8",
          "flows.js", "text/javascript; charset=utf-8",
          "faults.js", "text/javascript; charset=utf-8",
          "keys.js", "text/javascript; charset=utf-8",
          "queues.js", "text/javascript; charset=utf-8",
          "tables.js", "text/javascript; charset=utf-8");

  private final Map<String, HttpService> apis = new LinkedHashMap<>();
  private final byte[] page = resource("index.html");
  private final Map<String, byte[]> assets = new LinkedHashMap<>();

  /**
   * A console over a running cloud's parts; {@code invocations} must be listening already, and
   * {@code capture} (whose invocations they are) wired. {@code queueContents} is null with another
   * backend than the embedded ElasticMQ (nothing to peek at); {@code streams} gives the stream
   * event sources running now.
   */
  public ConsoleApi(
      LambdaRuntime lambda,
      AwsClients clients,
      StackSpec stack,
      EventBridgeService eventBridge,
      InvocationLog invocations,
      QueueContents queueContents,
      Supplier<List<StreamEventSource<?>>> streams,
      Clock clock,
      Capture capture) {
    ASSETS.keySet().forEach(name -> assets.put(name, resource(name)));
    Tables tables = new Tables(clients, stack, streams);
    Overview overview =
        new Overview(
            lambda, clients, stack, eventBridge, invocations, tables::streamSummary, clock);
    apis.put("overview", get(overview::answer));
    apis.put("invocations", get(new InvocationApi(invocations)));
    apis.put("flows", get(new FlowApi(capture)));
    apis.put("queues", new Queues(clients, stack, queueContents, clock));
    apis.put("tables", tables);
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
  public Response handle(Request request) throws Exception {
    String path = request.path();
    if (path.equals(ROUTE)) {
      return new Response(308, Map.of(), new byte[0]).withHeader("Location", PREFIX);
    }
    if (path.startsWith(PREFIX + "api/")) {
      String rest = path.substring((PREFIX + "api/").length());
      int slash = rest.indexOf('/');
      HttpService api = apis.get(slash < 0 ? rest : rest.substring(0, slash));
      return api != null
          ? api.handle(request)
          : problem(
              404,
              "NotFound",
              "Nothing at " + path + "; the console's JSON is under /_idem/api/" + apis.keySet());
    }
    if (!"GET".equals(request.method())) {
      return methodNotAllowed(request, "GET");
    }
    if (PAGES.matcher(path).matches()) {
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
    return problem(
        404,
        "NotFound",
        "Nothing at " + path + "; the console's page is /_idem/ and its JSON is under /_idem/api/");
  }

  /** A JSON problem: {@code {"error": error, "message": message}} with that status. */
  static Response problem(int status, String error, String message) {
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("error", error).put("message", message);
    return Response.json(status, body.toString());
  }

  /** The 405 for a method a console path does not take, with its {@code Allow} header. */
  static Response methodNotAllowed(Request request, String... allowed) {
    return problem(
            405,
            "MethodNotAllowed",
            request.method() + " is not supported here; use " + String.join(" or ", allowed))
        .withHeader("Allow", String.join(", ", allowed));
  }

  /** An endpoint that answers GET only. */
  static HttpService get(HttpService handler) {
    return request ->
        "GET".equals(request.method()) ? handler.handle(request) : methodNotAllowed(request, "GET");
  }

  /**
   * The query's parameters; a name outside {@code allowed}, or given twice, is a {@link
   * BadParameter}.
   */
  static Map<String, String> parameters(String rawQuery, List<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      String[] parts = pair.split("=", 2);
      String name = decode(parts[0]);
      if (!allowed.contains(name)) {
        throw new BadParameter("Unknown parameter " + name + "; use " + String.join(", ", allowed));
      }
      if (values.put(name, parts.length > 1 ? decode(parts[1]) : "") != null) {
        throw new BadParameter("Parameter " + name + " is given twice");
      }
    }
    return values;
  }

  /**
   * A whole number from {@code min} to {@code max}, or {@code fallback} when absent.
   *
   * @throws BadParameter when it is not
   */
  static int number(Map<String, String> parameters, String name, int fallback, int min, int max) {
    String value = parameters.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new BadParameter(
        name + " must be a whole number from " + min + " to " + max + ", was " + value);
  }

  /** A query parameter the endpoint cannot take; {@link #badRequest} answers it. */
  static final class BadParameter extends IllegalArgumentException {
    BadParameter(String message) {
      super(message);
    }

    /** The 400 for it. */
    Response badRequest() {
      return problem(400, "InvalidParameter", getMessage());
    }
  }

  private static String decode(String text) {
    try {
      return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("Cannot decode the query part " + text);
    }
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
