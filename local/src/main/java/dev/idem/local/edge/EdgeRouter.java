package dev.idem.local.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.aws.AwsService;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one AWS endpoint (port 4566 by convention): routes each request by the service name in its
 * SigV4 credential scope ({@code Credential=AKID/DATE/REGION/SERVICE/aws4_request}) to DynamoDB
 * Local, ElasticMQ, the EventBridge service or the Lambda API; without a scope, by the {@code
 * X-Amz-Target} prefix, the query protocol's {@code Action=} (SQS) or the Lambda API path. Anything
 * else gets a 400 JSON error naming what was received. {@code GET /_idem/health} answers 200 {@code
 * {"status":"ready",...}} once {@link #markReady()} is called, 503 before.
 *
 * <p>Routes may be added while it already serves requests: the backends that must name the edge's
 * port (ElasticMQ's queue URLs) start after the edge has bound it.
 *
 * {@snippet :
 * EdgeRouter router = new EdgeRouter();
 * try (HttpEndpoint edge = HttpEndpoint.start("edge", 4566, router)) {
 *   router.forward(AwsService.DYNAMODB, dynamoDbLocal.endpoint());
 *   router.route(AwsService.EVENTS, eventBridgeService);
 *   router.markReady();
 * }
 * }
 */
public final class EdgeRouter implements HttpService {

  static final String HEALTH_PATH = "/_idem/health";

  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");
  private static final Pattern PRESIGNED_SCOPE =
      Pattern.compile("X-Amz-Credential=[^/&]+/\\d{8}/[^/&]+/([^/&]+)/aws4_request");
  private static final Map<String, AwsService> TARGET_PREFIXES =
      Map.of(
          "DynamoDB_20120810", AwsService.DYNAMODB,
          "DynamoDBStreams_20120810", AwsService.DYNAMODB,
          "AmazonSQS", AwsService.SQS,
          "AWSEvents", AwsService.EVENTS);

  private final Map<AwsService, HttpService> routes = new EnumMap<>(AwsService.class);
  private final Map<AwsService, String> descriptions = new EnumMap<>(AwsService.class);
  private final Map<String, HttpService> controls = new java.util.LinkedHashMap<>();
  private final HttpClient client = HttpForwarder.newClient();
  private volatile EdgeInterceptor interceptor = EdgeInterceptor.NONE;
  private volatile boolean ready;

  /** Sends requests for {@code service} to a handler in this JVM. Returns this router. */
  public synchronized EdgeRouter route(AwsService service, HttpService handler) {
    routes.put(service, handler);
    descriptions.put(service, "in process");
    return this;
  }

  /** Forwards requests for {@code service} over HTTP to {@code backend}. Returns this router. */
  public synchronized EdgeRouter forward(AwsService service, URI backend) {
    return forward(service, backend, java.util.function.UnaryOperator.identity());
  }

  /**
   * Forwards requests for {@code service} over HTTP to {@code backend}, through {@code front}
   * (which answers some calls itself and hands the rest to the forwarder it is given). Returns this
   * router.
   */
  public synchronized EdgeRouter forward(
      AwsService service, URI backend, java.util.function.UnaryOperator<HttpService> front) {
    routes.put(service, front.apply(new HttpForwarder(client, backend)));
    descriptions.put(service, backend.toString());
    return this;
  }

  /**
   * Serves the local cloud's own API under a path prefix (such as {@code /_localstack/chaos/}) on
   * the edge port; it comes before any AWS routing. Returns this router.
   */
  public synchronized EdgeRouter control(String pathPrefix, HttpService handler) {
    controls.put(pathPrefix, handler);
    return this;
  }

  /** Wraps every AWS call from now on (the fault injector). Returns this router. */
  public EdgeRouter intercept(EdgeInterceptor newInterceptor) {
    this.interceptor = java.util.Objects.requireNonNull(newInterceptor, "interceptor");
    return this;
  }

  /**
   * Wraps {@code outer} around the interceptor in place (the console's capture around the fault
   * injector: it sees each call with the answer the faults gave). Returns this router.
   */
  public synchronized EdgeRouter interceptOutside(EdgeInterceptor outer) {
    java.util.Objects.requireNonNull(outer, "outer");
    EdgeInterceptor inner = interceptor;
    this.interceptor =
        (request, service, next) ->
            outer.around(request, service, () -> inner.around(request, service, next));
    return this;
  }

  /** Marks the local cloud ready: the health check answers 200 from now on. */
  public void markReady() {
    ready = true;
  }

  @Override
  public Response handle(Request request) throws Exception {
    if (request.path().equals(HEALTH_PATH)) {
      return health();
    }
    HttpService control = control(request.path());
    if (control != null) {
      return control.handle(request);
    }
    Optional<AwsService> service = classify(request);
    if (service.isEmpty()) {
      return unroutable(request, scopeService(request));
    }
    HttpService handler = handler(service.get());
    if (handler == null) {
      return AwsJson.error(
          400,
          "EdgeRoutingException",
          "The local cloud does not run "
              + service.get().signingName()
              + " (running: "
              + running()
              + ")");
    }
    return interceptor.around(request, service.get(), () -> handler.handle(request));
  }

  private synchronized HttpService control(String path) {
    for (Map.Entry<String, HttpService> entry : controls.entrySet()) {
      if (path.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The service a request is for, as the edge would route it (for tests and diagnostics). */
  static Optional<AwsService> classify(Request request) {
    Optional<String> scope = scopeService(request);
    return scope.isPresent() ? scope.flatMap(AwsService::bySigningName) : fallback(request);
  }

  private synchronized HttpService handler(AwsService service) {
    return routes.get(service);
  }

  private synchronized String running() {
    return descriptions.keySet().stream().map(AwsService::signingName).toList().toString();
  }

  private static Optional<String> scopeService(Request request) {
    String authorization = request.header("Authorization").orElse("");
    Matcher matcher = SCOPE.matcher(authorization);
    if (matcher.find()) {
      return Optional.of(matcher.group(1));
    }
    String query = request.rawQuery() == null ? "" : decode(request.rawQuery());
    Matcher presigned = PRESIGNED_SCOPE.matcher(query);
    return presigned.find() ? Optional.of(presigned.group(1)) : Optional.empty();
  }

  private static Optional<AwsService> fallback(Request request) {
    Optional<String> target = request.header("X-Amz-Target");
    if (target.isPresent()) {
      String prefix = target.get().split("\\.", 2)[0];
      return Optional.ofNullable(TARGET_PREFIXES.get(prefix));
    }
    if (hasAction(request.rawQuery()) || (isForm(request) && hasAction(request.bodyText()))) {
      return Optional.of(AwsService.SQS);
    }
    if (request.path().startsWith("/2015-03-31/functions")) {
      return Optional.of(AwsService.LAMBDA);
    }
    return Optional.empty();
  }

  private static boolean isForm(Request request) {
    return request
        .header("Content-Type")
        .orElse("")
        .startsWith("application/x-www-form-urlencoded");
  }

  private static boolean hasAction(String form) {
    return form != null && Arrays.stream(form.split("&")).anyMatch(p -> p.startsWith("Action="));
  }

  private Response health() {
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("status", ready ? "ready" : "starting");
    ObjectNode services = body.putObject("services");
    synchronized (this) {
      descriptions.forEach((service, where) -> services.put(service.signingName(), where));
    }
    return Response.json(ready ? 200 : 503, body.toString());
  }

  private Response unroutable(Request request, Optional<String> scope) {
    String received =
        request.method()
            + " "
            + request.path()
            + ", credential scope service: "
            + scope.orElse("none")
            + ", X-Amz-Target: "
            + request.header("X-Amz-Target").orElse("none");
    String why =
        scope.isPresent()
            ? "service " + scope.get() + " is not emulated"
            : "no SigV4 credential scope, X-Amz-Target or Action= to tell the service";
    return AwsJson.error(
        400,
        "EdgeRoutingException",
        "The local cloud cannot route this request: "
            + why
            + ". Received "
            + received
            + ". It serves dynamodb, sqs, events and lambda.");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
