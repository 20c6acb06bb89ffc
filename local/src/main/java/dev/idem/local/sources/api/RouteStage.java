package dev.idem.local.sources.api;

import java.util.Map;
import java.util.Objects;

/**
 * The API and stage a route is served in, and the proxy event format its function gets.
 *
 * {@snippet :
 * RouteStage rest = new RouteStage(false, "OrdersApi", "dev", Map.of("alias", "live"), "1.0");
 * RouteStage http = new RouteStage(true, "HttpApi", "$default", Map.of(), "2.0");
 * }
 *
 * @param httpApi whether the API is an HTTP API (API Gateway v2), whose own answers differ (404 for
 *     no route, 500 for a failed integration) from a REST API's (403, 502)
 * @param apiId {@code requestContext.apiId}
 * @param name {@code requestContext.stage}
 * @param variables the stage's variables: {@code stageVariables}, null in the event when empty
 * @param payloadFormat {@code 1.0} (the REST API's proxy event) or {@code 2.0} (the HTTP API's)
 * @param binaryMediaTypes the REST API's binary media types ({@link BinaryMediaTypes#NONE} for an
 *     HTTP API, whose payloads do not depend on them)
 */
public record RouteStage(
    boolean httpApi,
    String apiId,
    String name,
    Map<String, String> variables,
    String payloadFormat,
    BinaryMediaTypes binaryMediaTypes) {

  /** SAM's local API: a REST API's stage {@code Prod}, without variables. */
  public static final RouteStage DEFAULT =
      new RouteStage(false, ProxyEvents.API_ID, "Prod", Map.of(), "1.0");

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the format is neither 1.0 nor 2.0
   */
  public RouteStage {
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(name, "name");
    variables = Map.copyOf(variables);
    Objects.requireNonNull(binaryMediaTypes, "binaryMediaTypes");
    if (!payloadFormat.equals("1.0") && !payloadFormat.equals("2.0")) {
      throw new IllegalArgumentException("payload format " + payloadFormat + " is not 1.0 or 2.0");
    }
  }

  /** A stage of an API without binary media types. */
  public RouteStage(
      boolean httpApi,
      String apiId,
      String name,
      Map<String, String> variables,
      String payloadFormat) {
    this(httpApi, apiId, name, variables, payloadFormat, BinaryMediaTypes.NONE);
  }

  /** Whether the function gets the HTTP API's version 2.0 event. */
  boolean version2() {
    return payloadFormat.equals("2.0");
  }
}
