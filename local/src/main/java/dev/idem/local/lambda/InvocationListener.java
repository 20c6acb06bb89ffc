package dev.idem.local.lambda;

/**
 * Hears of each invocation a {@link FunctionPool} ran or throttled, after its result is known: how
 * the console learns of invocations without a second path through the invoke code.
 */
@FunctionalInterface
public interface InvocationListener {

  /** Hears nothing. */
  InvocationListener NONE = (function, payload, requestId, result) -> {};

  /**
   * One invocation's end.
   *
   * @param function the function's name
   * @param payload the event it was given
   * @param requestId its request id, or null when it was throttled (nothing ran)
   * @param result how it ended
   */
  void invoked(String function, byte[] payload, String requestId, InvocationResult result);
}
