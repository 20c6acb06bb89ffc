package dev.idem.local.sources;

import java.util.List;

/** Where the fault injector reaches into the event source mappings; the defaults inject nothing. */
public interface DeliveryFaults {

  /** No faults. */
  DeliveryFaults NONE = new DeliveryFaults() {};

  /** True to invoke the function a second time, concurrently, with the same SQS batch. */
  default boolean duplicateSqsBatch(String function, String queue, List<String> messageIds) {
    return false;
  }

  /**
   * True to let the batch's visibility timeout lapse as it is invoked: its messages become visible
   * at once, so the queue hands them out again while this invocation runs.
   */
  default boolean lapseVisibility(String function, String queue, List<String> messageIds) {
    return false;
  }

  /** True to invoke the function a second time, concurrently, with the same stream batch. */
  default boolean duplicateStreamBatch(String function, String table, List<String> eventIds) {
    return false;
  }
}
