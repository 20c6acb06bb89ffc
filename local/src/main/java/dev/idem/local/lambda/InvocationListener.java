package dev.idem.local.lambda;

/**
 * Hears of each invocation a {@link FunctionPool} ran or throttled, after its result is known: how
 * the console learns of invocations without a second path through the invoke code.
 */
@FunctionalInterface
public interface InvocationListener {

  /** Hears nothing; a pool with this listener reads no log lines for it. */
  InvocationListener NONE =
      new InvocationListener() {
        @Override
        public void invoked(Call call) {}

        @Override
        public boolean wantsLog() {
          return false;
        }
      };

  /**
   * Whether the next invocation's log lines are wanted ({@link Call#log}): reading them costs a
   * read of the instance's log file, which a listener that keeps nothing now should not cause.
   */
  default boolean wantsLog() {
    return true;
  }

  /**
   * How many bytes of an invocation's own log lines a listener is given at most (the last ones).
   */
  int LOG_BYTES = 64 * 1024;

  /**
   * One invocation's end.
   *
   * @param function the function's name
   * @param source what sent it, as its caller told
   * @param payload the event it was given
   * @param requestId its request id, or null when it was throttled (nothing ran)
   * @param result how it ended
   * @param log the lines the instance wrote during the invocation (START/END/REPORT left out), at
   *     most the last {@link #LOG_BYTES}; empty when throttled
   */
  record Call(
      String function,
      InvocationSource source,
      byte[] payload,
      String requestId,
      InvocationResult result,
      String log) {}

  /** One invocation's end; called on the invoking thread, so it must be quick and not block. */
  void invoked(Call call);
}
