package dev.idem.local.lambda;

import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Lambda Runtime API of one instance, as its runtime interface client polls it: {@code
 * /invocation/next}, {@code /invocation/{id}/response}, {@code /invocation/{id}/error} and {@code
 * /init/error}.
 */
final class RuntimeApi implements HttpService {

  private static final String BASE = "/2018-06-01/runtime/";
  private static final String INVOCATION = BASE + "invocation/";

  private final Instance instance;

  RuntimeApi(Instance instance) {
    this.instance = instance;
  }

  @Override
  public Response handle(Request request) {
    String path = request.path();
    boolean post = request.method().equals("POST");
    if (request.method().equals("GET") && path.equals(INVOCATION + "next")) {
      return next();
    }
    if (post && path.equals(BASE + "init/error")) {
      instance.initFailed(errorType(request), request.body());
      return accepted();
    }
    if (post && path.startsWith(INVOCATION)) {
      return report(path.substring(INVOCATION.length()), request);
    }
    return error(404, "NotFound", "No such Runtime API resource: " + request.method() + " " + path);
  }

  private Response next() {
    Invocation invocation;
    try {
      invocation = instance.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.empty(503); // the instance is being closed
    }
    if (invocation == null) {
      return Response.empty(503); // a fault killed the instance
    }
    // The client's native part crashes on a /next answer without Content-Type.
    return new Response(
        200,
        Map.of(
            "Content-Type", List.of("application/json"),
            "Lambda-Runtime-Aws-Request-Id", List.of(invocation.requestId),
            "Lambda-Runtime-Deadline-Ms", List.of(Long.toString(invocation.deadlineEpochMs())),
            "Lambda-Runtime-Invoked-Function-Arn", List.of(instance.functionArn()),
            "Lambda-Runtime-Trace-Id", List.of(traceId())),
        invocation.payload);
  }

  private Response report(String rest, Request request) {
    int slash = rest.indexOf('/');
    String requestId = slash < 0 ? rest : rest.substring(0, slash);
    String action = slash < 0 ? "" : rest.substring(slash + 1);
    boolean known =
        switch (action) {
          case "response" -> instance.respond(requestId, request.body());
          case "error" -> instance.fail(requestId, errorType(request), request.body());
          default -> false;
        };
    return known
        ? accepted()
        : error(400, "InvalidRequestID", "No invocation " + requestId + " awaits a " + action);
  }

  private static String errorType(Request request) {
    return request.header("Lambda-Runtime-Function-Error-Type").orElse(null);
  }

  private static Response accepted() {
    return Response.json(202, "{\"status\":\"OK\"}");
  }

  private static Response error(int status, String type, String message) {
    return Response.json(
        status,
        "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\"", "'") + "\"}");
  }

  private static String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    return "Root=1-"
        + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-"
        + hex.toHexDigits(random.nextInt())
        + hex.toHexDigits(random.nextLong())
        + ";Parent="
        + hex.toHexDigits(random.nextLong())
        + ";Sampled=0";
  }
}
