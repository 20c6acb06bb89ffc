package dev.idem.local.lambda;

/**
 * Runs functions by name: the seam the Lambda API, the API Gateway emulation and the event source
 * mappings share.
 *
 * {@snippet :
 * InvocationResult result = invoker.invoke("PlaceOrder", "{}".getBytes(UTF_8));
 * if (result.status() == InvocationResult.Status.THROTTLED) {
 *   // an API answers 429; an event source waits and tries again
 * }
 * }
 */
@FunctionalInterface
public interface Invoker {

  /**
   * Runs one invocation to its end (RequestResponse), or returns {@link
   * InvocationResult.Status#THROTTLED} at once when no instance is free and the function is at its
   * concurrency limit. Blocks the calling thread (call it from a virtual thread).
   *
   * @param functionName the function's name
   * @param payload the event JSON
   * @return the outcome; a handler's failure, timeout or crash is a {@link
   *     InvocationResult.Status#FUNCTION_ERROR}, never an exception
   * @throws IllegalArgumentException when no function has that name
   * @throws IllegalStateException when the runtime is closed, or an instance could not be started
   */
  InvocationResult invoke(String functionName, byte[] payload);

  /**
   * {@link #invoke(String, byte[])}, told what sent the invocation so that the console can show it;
   * an invoker that keeps no record of invocations ignores {@code source}.
   */
  default InvocationResult invoke(String functionName, byte[] payload, InvocationSource source) {
    return invoke(functionName, payload);
  }
}
