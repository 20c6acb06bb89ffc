package dev.idem.local.lambda;

import java.time.Duration;

/**
 * Where the fault injector reaches into function instances. Every method is asked once per occasion
 * and may log the fault it decides on; the defaults inject nothing.
 */
public interface InstanceFaults {

  /** No faults. */
  InstanceFaults NONE = new InstanceFaults() {};

  /** What happens to a response the handler posted. */
  enum ResponseFault {
    /** It is used. */
    NONE,
    /** The instance's process is killed; the invocation ends as a runtime exit. */
    KILL,
    /** It is dropped; the invocation ends at its timeout and the instance is killed. */
    HANG
  }

  /** True to kill the instance as it takes this invocation, before the handler runs. */
  default boolean killBeforeHandler(String functionName, String requestId) {
    return false;
  }

  /** What to do with the response the handler posted for this invocation. */
  default ResponseFault onResponse(String functionName, String requestId) {
    return ResponseFault.NONE;
  }

  /** How much longer a new instance's init takes. */
  default Duration initDelay(String functionName, String instanceLabel) {
    return Duration.ZERO;
  }
}
