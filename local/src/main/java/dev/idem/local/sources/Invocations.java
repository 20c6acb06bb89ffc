package dev.idem.local.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.Invoker;
import java.time.Duration;

/** Invokes through the seam; a failure to invoke at all counts as a function error. */
final class Invocations {

  static final String INVOKE_FAILED = "Local.InvokeFailed";

  private static final System.Logger LOG = System.getLogger(Invocations.class.getName());

  private Invocations() {}

  static InvocationResult invoke(Invoker invoker, String functionName, byte[] event) {
    long begin = System.nanoTime();
    try {
      return invoker.invoke(functionName, event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Invoking " + functionName + " failed", e);
      ObjectNode error = Json.MAPPER.createObjectNode();
      error.put("errorMessage", String.valueOf(e.getMessage()));
      error.put("errorType", INVOKE_FAILED);
      return InvocationResult.functionError(
          INVOKE_FAILED, Json.bytes(error), "", Duration.ofNanos(System.nanoTime() - begin));
    }
  }
}
