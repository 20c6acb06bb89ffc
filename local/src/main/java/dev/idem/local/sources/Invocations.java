package dev.idem.local.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.lambda.Invoker;
import dev.idem.local.retry.Backoff;
import java.time.Duration;

/**
 * How every event source invokes through the seam: a failure to invoke at all counts as a function
 * error, and a throttled invocation is tried again after a backoff, as Lambda's pollers do.
 */
public final class Invocations {

  /** The error type of an invocation that never reached the function. */
  public static final String INVOKE_FAILED = "Local.InvokeFailed";

  /** The waits between tries of a throttled invocation. */
  private static final Backoff THROTTLE_BACKOFF =
      new Backoff(Duration.ofMillis(20), Duration.ofMillis(500));

  private static final System.Logger LOG = System.getLogger(Invocations.class.getName());

  private Invocations() {}

  /**
   * Invokes once, telling the invoker that {@code source} sent it; a failure to invoke comes back
   * as a function error of type INVOKE_FAILED.
   */
  public static InvocationResult invoke(
      Invoker invoker, String functionName, byte[] event, InvocationSource source) {
    long begin = System.nanoTime();
    try {
      return invoker.invoke(functionName, event, source);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Invoking " + functionName + " failed", e);
      ObjectNode error = Json.MAPPER.createObjectNode();
      error.put("errorMessage", String.valueOf(e.getMessage()));
      error.put("errorType", INVOKE_FAILED);
      return InvocationResult.functionError(
          INVOKE_FAILED, Json.bytes(error), "", Duration.ofNanos(System.nanoTime() - begin));
    }
  }

  /**
   * Invokes until the function runs, waiting out throttles.
   *
   * @return the function's result, or null when the source stopped during a wait
   */
  public static InvocationResult untilAdmitted(
      SourceContext context,
      String functionName,
      byte[] event,
      InvocationSource source,
      StopSignal stop) {
    return untilAdmitted(
        context, functionName, event, source, stop, Duration.ofNanos(Long.MAX_VALUE));
  }

  /**
   * Invokes until the function runs, waiting out throttles, but starts no try after {@code
   * giveUpAfter} (from now).
   *
   * @return the function's result; the last {@code THROTTLED} result when the next wait would end
   *     after {@code giveUpAfter}; null when the source stopped during a wait
   */
  public static InvocationResult untilAdmitted(
      SourceContext context,
      String functionName,
      byte[] event,
      InvocationSource source,
      StopSignal stop,
      Duration giveUpAfter) {
    long begin = System.nanoTime();
    Backoff.Waits waits = THROTTLE_BACKOFF.waits();
    while (true) {
      InvocationResult result = invoke(context.invoker(), functionName, event, source);
      if (result.status() != InvocationResult.Status.THROTTLED) {
        return result;
      }
      Duration delay = waits.next();
      if (System.nanoTime() - begin + delay.toNanos() >= giveUpAfter.toNanos()) {
        return result;
      }
      if (!stop.pause(delay)) {
        return null;
      }
    }
  }
}
