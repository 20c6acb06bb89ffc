package dev.idem.local.template;

/**
 * An {@code Api} event: requests to {@code method path} on the API become the function's API
 * Gateway proxy events.
 *
 * @param name the event's key in {@code Events}
 * @param path the path, with {@code {param}} and {@code {proxy+}} placeholders
 * @param method the method, upper case; {@code ANY} for any
 * @param requestModel the body validation API Gateway applies before invoking, or null for none
 */
public record ApiEvent(String name, String path, String method, RequestModel requestModel)
    implements FunctionEvent {

  /** An event without body validation. */
  public ApiEvent(String name, String path, String method) {
    this(name, path, method, null);
  }
}
