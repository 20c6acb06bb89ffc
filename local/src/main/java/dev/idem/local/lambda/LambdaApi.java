package dev.idem.local.lambda;

import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.testing.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The Lambda API's Invoke, ListFunctions, GetFunction and GetFunctionConfiguration over REST-JSON,
 * as the SDK's {@code LambdaClient} and {@code aws lambda} call them; the edge routes service
 * {@code lambda} here.
 *
 * <p>Invoke ({@code POST /2015-03-31/functions/{name}/invocations}) by {@code
 * X-Amz-Invocation-Type}:
 *
 * <ul>
 *   <li>{@code RequestResponse} (default): 200 with the function's response; on a function error
 *       still 200, with {@code X-Amz-Function-Error: Unhandled} and the error JSON; {@code
 *       X-Amz-Log-Type: Tail} adds {@code X-Amz-Log-Result}, the base64 of the last 4 KB of log.
 *   <li>{@code Event}: 202 at once, with an empty body and the event's request id in {@code
 *       x-amzn-RequestId}; the event goes to the function's {@link AsyncInvoker} queue (retries,
 *       maximum event age, destinations and dead-letter queue as Lambda's).
 *   <li>{@code DryRun}: 204 when the function exists.
 * </ul>
 *
 * Errors have Lambda's shape: 404 {@code ResourceNotFoundException}, 429 {@code
 * TooManyRequestsException} (reason {@code ReservedFunctionConcurrentInvocationLimitExceeded}), 413
 * {@code RequestTooLargeException} above 6 MB, 400 {@code InvalidParameterValueException}. A
 * function is named by name, ARN or partial ARN, unqualified or qualified ({@code $LATEST}, a
 * version number, or one of its aliases: all run the function's one code).
 *
 * {@snippet :
 * LambdaApi api = new LambdaApi(runtime, runtime.functions(),
 *     (function, result) -> log.info(function + " (Event) " + result));
 * HttpEndpoint.start("lambda", 0, api);
 * }
 */
public final class LambdaApi implements HttpService {

  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final int MAX_PAYLOAD = 6 * 1024 * 1024;

  private final Invoker invoker;
  private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
  private final AsyncInvoker async;

  /** An API whose Event invocations' results are dropped. */
  public LambdaApi(Invoker invoker, Collection<FunctionDefinition> functions) {
    this(invoker, functions, (function, result) -> {});
  }

  /**
   * An API over {@code invoker}, knowing {@code functions}; Event invocations take Lambda's
   * defaults (two retries, one and two minutes apart; no destinations).
   *
   * @param eventListener receives the function name and the result of every Event invocation
   *     attempt, on the thread that ran it
   */
  public LambdaApi(
      Invoker invoker,
      Collection<FunctionDefinition> functions,
      BiConsumer<String, InvocationResult> eventListener) {
    this(
        invoker,
        functions,
        new AsyncInvoker(
            invoker,
            Map.of(),
            AsyncDestinations.NONE,
            java.time.Clock.systemUTC(),
            AsyncDelays.LAMBDA,
            eventListener));
  }

  /**
   * An API over {@code invoker}, knowing {@code functions}, queueing Event invocations on {@code
   * async} (the caller closes it).
   */
  public LambdaApi(Invoker invoker, Collection<FunctionDefinition> functions, AsyncInvoker async) {
    this.invoker = invoker;
    functions.forEach(function -> this.functions.put(function.name(), function));
    this.async = async;
  }

  @Override
  public Response handle(Request request) {
    String path = request.path();
    String rest = path.startsWith(FUNCTIONS) ? path.substring(FUNCTIONS.length()) : null;
    if (rest != null && (rest.isEmpty() || rest.equals("/")) && request.method().equals("GET")) {
      return LambdaApiJson.listFunctions(functions.values());
    }
    String[] segments = rest != null && rest.startsWith("/") ? rest.substring(1).split("/") : null;
    Operation operation = segments == null ? null : Operation.of(request.method(), segments);
    if (operation == null) {
      return error(
          404,
          "UnknownOperationException",
          "Not emulated: " + request.method() + " " + request.path());
    }
    Optional<FunctionDefinition> function =
        resolve(segments[0], queryParameter(request.rawQuery(), "Qualifier"));
    if (function.isEmpty()) {
      return notFound(segments[0]);
    }
    return switch (operation) {
      case INVOKE -> invoke(request, function.get());
      case GET_FUNCTION -> LambdaApiJson.getFunction(function.get());
      case GET_FUNCTION_CONFIGURATION -> LambdaApiJson.configuration(function.get());
    };
  }

  private enum Operation {
    INVOKE,
    GET_FUNCTION,
    GET_FUNCTION_CONFIGURATION;

    /** The operation of {@code METHOD /2015-03-31/functions/<segments>}, or null. */
    static Operation of(String method, String[] segments) {
      String action = segments.length == 2 ? segments[1] : "";
      if (segments.length > 2 || segments[0].isEmpty()) {
        return null;
      }
      return switch (method + " " + action) {
        case "POST invocations" -> INVOKE;
        case "GET " -> GET_FUNCTION;
        case "GET configuration" -> GET_FUNCTION_CONFIGURATION;
        default -> null;
      };
    }
  }

  private Response invoke(Request request, FunctionDefinition function) {
    byte[] payload = request.body().length == 0 ? utf8("{}") : request.body();
    if (payload.length > MAX_PAYLOAD) {
      return error(
          413,
          "RequestTooLargeException",
          "Request must be smaller than "
              + MAX_PAYLOAD
              + " bytes for the InvokeFunction operation");
    }
    String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
    return switch (type) {
      case "RequestResponse" -> requestResponse(request, function, payload);
      case "Event" -> event(function, payload);
      case "DryRun" -> withRequestId(Response.empty(204));
      default ->
          error(
              400,
              "InvalidParameterValueException",
              "Invocation type " + type + " is not one of RequestResponse, Event, DryRun");
    };
  }

  private Response requestResponse(Request request, FunctionDefinition function, byte[] payload) {
    InvocationResult result;
    try {
      result =
          invoker.invoke(
              function.name(),
              payload,
              InvocationSource.of(InvocationSource.INVOKE, function.name(), null));
    } catch (IllegalArgumentException e) {
      return notFound(function.name());
    } catch (IllegalStateException e) {
      return error(500, "ServiceException", e.getMessage());
    }
    if (result.status() == InvocationResult.Status.THROTTLED) {
      return throttled();
    }
    Response response =
        withRequestId(
            new Response(
                200,
                Map.of(
                    "Content-Type", List.of("application/json"),
                    "X-Amz-Executed-Version", List.of("$LATEST")),
                result.payload()));
    if (result.status() == InvocationResult.Status.FUNCTION_ERROR) {
      response = response.withHeader("X-Amz-Function-Error", "Unhandled");
    }
    if (request.header("X-Amz-Log-Type").filter("Tail"::equalsIgnoreCase).isPresent()) {
      response =
          response.withHeader(
              "X-Amz-Log-Result", Base64.getEncoder().encodeToString(utf8(result.logTail())));
    }
    return response;
  }

  private Response event(FunctionDefinition function, byte[] payload) {
    String requestId;
    try {
      requestId = async.submit(function.name(), payload);
    } catch (IllegalStateException e) {
      return error(500, "ServiceException", e.getMessage());
    }
    return Response.empty(202).withHeader("x-amzn-RequestId", requestId);
  }

  /**
   * A name, {@code name:qualifier}, an ARN or a partial ARN, unqualified or qualified with {@code
   * $LATEST}, a version or one of the function's aliases.
   */
  private Optional<FunctionDefinition> resolve(String nameOrArn, String queryQualifier) {
    String[] parts = nameOrArn.split(":", -1);
    int nameIndex;
    if (nameOrArn.startsWith("arn:")) {
      nameIndex = 6;
    } else if (parts.length >= 3 && parts[1].equals("function")) {
      nameIndex = 2;
    } else {
      nameIndex = 0;
    }
    if (parts.length <= nameIndex || parts.length > nameIndex + 2) {
      return Optional.empty();
    }
    String qualifier = parts.length == nameIndex + 2 ? parts[nameIndex + 1] : queryQualifier;
    return Optional.ofNullable(functions.get(parts[nameIndex]))
        .filter(function -> function.answersTo(qualifier));
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static Response notFound(String function) {
    String arn =
        function.startsWith("arn:") ? function : LocalAccount.arn("lambda", "function:" + function);
    return error(404, "ResourceNotFoundException", "Function not found: " + arn);
  }

  private static Response throttled() {
    return withRequestId(
        Response.json(
                429,
                "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\","
                    + "\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}")
            .withHeader("x-amzn-ErrorType", "TooManyRequestsException"));
  }

  private static Response error(int status, String type, String message) {
    return withRequestId(
        Response.json(status, LambdaApiJson.error(message)).withHeader("x-amzn-ErrorType", type));
  }

  private static Response withRequestId(Response response) {
    return response.withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
