package dev.idem.local.sources.api;

import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.sources.Invocations;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.SourceInvocation;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API Gateway's Lambda proxy integrations, as an {@link HttpService} (the local cloud serves every
 * API of the template on one port, 3000, as {@code sam local start-api} does; request paths carry
 * no stage prefix, {@code requestContext.path} does). Each request is matched to a route (literal
 * segments before {@code {param}} before greedy {@code {proxy+}}; an exact method before {@code
 * ANY}; an HTTP API's {@code $default} last; repeated slashes count as one) and becomes the proxy
 * event of its function in its route's payload format. Format 1.0 (REST APIs): see {@link
 * ProxyEvents} for the event and {@link ProxyResponses} for which answers become the HTTP response
 * and which a 502. Format 2.0 (HTTP APIs): see {@link HttpApiEvents} and {@link HttpApiResponses}.
 *
 * <p>A route with a {@link BodyValidation} checks the body against its model first, as API
 * Gateway's request validator does: a body that fails gets the route's {@code BAD_REQUEST_BODY}
 * gateway response (by default 400 {@code {"message":"Invalid request body"}}) and the function is
 * not invoked (see {@link BodyValidator} for which bodies are checked).
 *
 * <p>API Gateway's own answers: no route → 403 {@code {"message":"Missing Authentication Token"}};
 * a function error (its own timeout included) or malformed proxy response → 502 {@code
 * {"message":"Internal server error"}}; a REST API's function still running at the 29 s integration
 * timeout → 504 {@code {"message":"Endpoint request timed out"}}; a throttled function → 429 {@code
 * {"message":"Too Many Requests"}}; an HTTP API answers 404 {@code Not Found} and 500 {@code
 * Internal Server Error} instead. Every response carries {@code x-amzn-RequestId}.
 *
 * {@snippet :
 * ApiGateway api = new ApiGateway(List.of(new ApiRoute("POST", "/orders", "PlaceOrder")), context);
 * try (HttpEndpoint endpoint = HttpEndpoint.startKeepingHeaderCase("api", "127.0.0.1", 3000, api)) {
 *   // curl -X POST localhost:3000/orders -d '{...}'
 * }
 * }
 */
public final class ApiGateway implements HttpService {

  /** The stage SAM's local API names in its request contexts. */
  public static final String STAGE = "Prod";

  /** API Gateway's default (and largest) integration timeout for a REST API. */
  static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

  private final List<ApiRoute> routes;
  private final Duration integrationTimeout;
  private final RouteTable table;
  private final Map<ApiRoute, BodyValidator> validators = new HashMap<>();
  private final SourceContext context;

  /**
   * An API serving the given routes.
   *
   * @param routes every function's Api events
   * @param context the functions, the clock requests are stamped with, and the listener
   * @throws IllegalArgumentException when a route's model is not a JSON Schema
   */
  public ApiGateway(List<ApiRoute> routes, SourceContext context) {
    this(routes, context, INTEGRATION_TIMEOUT);
  }

  ApiGateway(List<ApiRoute> routes, SourceContext context, Duration integrationTimeout) {
    this.integrationTimeout = Objects.requireNonNull(integrationTimeout, "integrationTimeout");
    this.routes = List.copyOf(routes);
    this.table = new RouteTable(this.routes);
    this.context = Objects.requireNonNull(context, "context");
    for (ApiRoute route : this.routes) {
      if (route.bodyValidation() != null) {
        validators.computeIfAbsent(route, r -> BodyValidator.of(r.bodyValidation()));
      }
    }
  }

  /** The routes served. */
  public List<ApiRoute> routes() {
    return routes;
  }

  @Override
  public Response handle(Request request) {
    String requestId = UUID.randomUUID().toString();
    // Matched on the path as sent: a REST API's pathParameters keep the client's encoding.
    Optional<RouteTable.Match> match = table.match(request.method(), request.rawPath());
    if (match.isEmpty()) {
      return noRoute().withHeader("x-amzn-RequestId", requestId);
    }
    ApiRoute route = match.get().route();
    List<String> problems = bodyProblems(route, request);
    if (!problems.isEmpty()) {
      return invalidBody(route, problems, requestId);
    }
    byte[] event = event(request, match.get(), requestId);
    InvocationSource source =
        InvocationSource.of(
            InvocationSource.API, request.method() + " " + route.pathTemplate(), requestId);
    long begin = System.nanoTime();
    ProxyResponses.Mapped mapped;
    if (route.stage().version2()) {
      mapped =
          answerVersion2(
              Invocations.invoke(context.invoker(), route.functionName(), event, source));
    } else {
      mapped =
          invokeWithinTimeout(route.functionName(), event, source)
              .map(result -> answer(result, route.stage().binaryMediaTypes(), request))
              .orElseGet(ApiGateway::timedOut);
    }
    context.report(
        new SourceInvocation(
            route.functionName(),
            "api " + request.method() + " " + route.pathTemplate(),
            1,
            Duration.ofNanos(System.nanoTime() - begin),
            mapped.outcome()));
    return mapped.response().withHeader("x-amzn-RequestId", requestId);
  }

  /** A REST API answers 403 Missing Authentication Token; an HTTP API, 404 Not Found. */
  private Response noRoute() {
    boolean onlyHttpApis = !routes.isEmpty() && routes.stream().allMatch(r -> r.stage().httpApi());
    return onlyHttpApis
        ? HttpApiResponses.error(404, "Not Found")
        : ProxyResponses.error(
            403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  private byte[] event(Request request, RouteTable.Match match, String requestId) {
    RouteStage stage = match.route().stage();
    return stage.version2()
        ? HttpApiEvents.event(request, match.decoded(), requestId, context.clock().instant())
        : ProxyEvents.event(request, match, requestId, context.clock().instant());
  }

  private List<String> bodyProblems(ApiRoute route, Request request) {
    BodyValidator validator = validators.get(route);
    return validator == null ? List.of() : validator.problems(request);
  }

  /** API Gateway's BAD_REQUEST_BODY: the function is not invoked. */
  private static Response invalidBody(ApiRoute route, List<String> problems, String requestId) {
    return route
        .bodyValidation()
        .invalidBody()
        .render(
            "BAD_REQUEST_BODY",
            "Invalid request body",
            "[" + String.join(", ", problems) + "]",
            requestId)
        .withHeader("x-amzn-ErrorType", "BadRequestException")
        .withHeader("x-amzn-RequestId", requestId);
  }

  private static ProxyResponses.Mapped answerVersion2(InvocationResult result) {
    return switch (result.status()) {
      case OK -> HttpApiResponses.map(result.payload());
      case THROTTLED ->
          new ProxyResponses.Mapped(
              HttpApiResponses.error(429, "Too Many Requests"), "429 throttled");
      case FUNCTION_ERROR ->
          new ProxyResponses.Mapped(
              HttpApiResponses.error(500, "Internal Server Error"),
              "500 FUNCTION_ERROR " + result.errorType());
    };
  }

  /**
   * The invocation's result, or empty when the integration timeout passed first: API Gateway then
   * answers 504 while the function runs on to its own timeout, as it does in Lambda.
   */
  private Optional<InvocationResult> invokeWithinTimeout(
      String function, byte[] event, InvocationSource source) {
    CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("api-invoke-" + function)
        .start(
            () -> result.complete(Invocations.invoke(context.invoker(), function, event, source)));
    try {
      return Optional.of(result.get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Invoking " + function + " failed", e.getCause());
    }
  }

  /** The INTEGRATION_TIMEOUT gateway response. */
  private static ProxyResponses.Mapped timedOut() {
    return new ProxyResponses.Mapped(
        Response.json(504, "{\"message\":\"Endpoint request timed out\"}"),
        "504 integration timeout");
  }

  /** A function error, its own timeout included, is 502; only the integration timeout is 504. */
  private static ProxyResponses.Mapped answer(
      InvocationResult result, BinaryMediaTypes binary, Request request) {
    return switch (result.status()) {
      case OK ->
          ProxyResponses.map(result.payload(), binary, request.header("Accept").orElse(null));
      case THROTTLED ->
          new ProxyResponses.Mapped(
              ProxyResponses.error(429, "TooManyRequestsException", "Too Many Requests"),
              "429 throttled");
      case FUNCTION_ERROR ->
          new ProxyResponses.Mapped(
              ProxyResponses.error(502, "InternalServerErrorException", "Internal server error"),
              "502 FUNCTION_ERROR " + result.errorType());
    };
  }
}
