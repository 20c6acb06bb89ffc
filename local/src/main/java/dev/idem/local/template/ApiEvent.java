package dev.idem.local.template;

/**
 * A route to a function: a SAM {@code Api} or {@code HttpApi} event, a REST API's {@code Method}
 * with an {@code AWS_PROXY} integration, or an HTTP API's {@code Route}. Requests to {@code method
 * path} become the function's proxy events.
 *
 * @param name the event's key in {@code Events}, or the method's or route's logical id
 * @param path the path, with {@code {param}} and {@code {proxy+}} placeholders; {@value
 *     #DEFAULT_ROUTE} for an HTTP API's default route (any request no other route takes)
 * @param method the method, upper case; {@code ANY} for any
 * @param requestModel the body validation API Gateway applies before invoking, or null for none
 * @param stage the API and stage the route belongs to
 */
public record ApiEvent(
    String name, String path, String method, RequestModel requestModel, ApiStage stage)
    implements FunctionEvent {

  /** An HTTP API's {@code $default} route key. */
  public static final String DEFAULT_ROUTE = "$default";

  /** Checks the components. */
  public ApiEvent {
    java.util.Objects.requireNonNull(path, "path");
    java.util.Objects.requireNonNull(method, "method");
    java.util.Objects.requireNonNull(stage, "stage");
  }

  /** An event of SAM's implicit API, with this body validation. */
  public ApiEvent(String name, String path, String method, RequestModel requestModel) {
    this(name, path, method, requestModel, ApiStage.SAM_DEFAULT);
  }

  /** An event of SAM's implicit API, without body validation. */
  public ApiEvent(String name, String path, String method) {
    this(name, path, method, null);
  }
}
