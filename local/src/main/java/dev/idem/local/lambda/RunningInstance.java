package dev.idem.local.lambda;

import java.time.Duration;

/**
 * A live function instance as the edge sees it: each instance signs its AWS calls with an access
 * key of its own ({@link LambdaRuntime#instance(String)}), so the edge can tell which function and
 * which invocation made a call.
 */
public interface RunningInstance {

  /** The function it runs. */
  String functionName();

  /** The request id of the invocation it is running, or null between invocations. */
  String requestId();

  /** Counts one AWS call of the running invocation: its number from 1, or 0 when none runs. */
  int countCall();

  /** Kills its process (the running invocation ends as a runtime exit). */
  void kill();

  /**
   * Waits until the running invocation has ended (answered, failed, timed out or killed).
   *
   * @return false when it was still running after {@code max}
   */
  boolean awaitInvocationEnd(Duration max) throws InterruptedException;
}
