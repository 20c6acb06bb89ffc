package dev.idem.local.sources.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One route of the REST API: an {@code Api} event of a function.
 *
 * {@snippet :
 * ApiRoute getOrder = new ApiRoute("GET", "/orders/{orderId}", "GetOrder");
 * ApiRoute anything = new ApiRoute("ANY", "/admin/{proxy+}", "Admin");
 * }
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, {@code
 *     HEAD}, {@code OPTIONS} or {@code ANY} (any letter case; kept upper case)
 * @param pathTemplate the resource path: literal segments, {@code {name}} for one segment, and a
 *     greedy {@code {name+}} as the last segment (one or more segments)
 * @param functionName the function that serves it
 * @param bodyValidation the body validation API Gateway applies before invoking, or null for none
 * @param stage the API and stage it is served in, and the event format
 */
public record ApiRoute(
    String method,
    String pathTemplate,
    String functionName,
    BodyValidation bodyValidation,
    RouteStage stage) {

  /** An HTTP API's {@code $default} route: every request that no other route takes. */
  public static final String DEFAULT_ROUTE = "$default";

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

  /**
   * Validates the route.
   *
   * @throws IllegalArgumentException when the method is unknown or the path template is malformed
   * @throws NullPointerException when a component is null
   */
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(stage, "stage");
    method = method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "API route " + pathTemplate + ": unknown method " + method);
    }
    if (!pathTemplate.equals(DEFAULT_ROUTE)) {
      checkPath(pathTemplate);
    }
  }

  /** A route of SAM's local API ({@link RouteStage#DEFAULT}). */
  public ApiRoute(
      String method, String pathTemplate, String functionName, BodyValidation bodyValidation) {
    this(method, pathTemplate, functionName, bodyValidation, RouteStage.DEFAULT);
  }

  /** A route of SAM's local API, without body validation. */
  public ApiRoute(String method, String pathTemplate, String functionName) {
    this(method, pathTemplate, functionName, null);
  }

  /** Whether this is an HTTP API's {@code $default} route. */
  public boolean isDefault() {
    return pathTemplate.equals(DEFAULT_ROUTE);
  }

  private static void checkPath(String pathTemplate) {
    if (!pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException("API route path must start with /: " + pathTemplate);
    }
    List<String> segments = segments(pathTemplate);
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.endsWith("+}") && i != segments.size() - 1) {
        throw new IllegalArgumentException(
            "API route " + pathTemplate + ": a greedy " + segment + " must be the last segment");
      }
      if (segment.startsWith("{") != segment.endsWith("}") || segment.equals("{}")) {
        throw new IllegalArgumentException(
            "API route " + pathTemplate + ": malformed segment " + segment);
      }
    }
  }

  /** The path's non-empty segments. */
  static List<String> segments(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
