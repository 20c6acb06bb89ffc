package dev.idem.local.lambda;

import java.lang.management.ManagementFactory;

/**
 * How many instances the whole local cloud may start at once and keep alive, and how many each
 * function keeps warm.
 *
 * <p>Lambda paces scale-out (each function adds instances at a bounded rate); a laptop is bounded
 * by its cores and its memory instead. A burst cannot boot more JVMs at once than {@code
 * maxStarting}: the other invocations wait for an instance that frees up or for a start slot. The
 * instances alive together are bounded by a memory budget, each instance counting its function's
 * {@code MemorySize}, or by a plain count; above it, an idle instance of another function is
 * retired to make room, and when none is idle the invocation is throttled.
 *
 * {@snippet :
 * Scaling scaling = Scaling.forThisMachine().withMaxStarting(4).withWarm(1);
 * }
 *
 * @param maxStarting how many instances may be starting (process start to the end of init) at once;
 *     at least 1
 * @param maxInstances how many instances may live at once; 0 bounds them by {@code memoryBudgetMb}
 *     instead
 * @param memoryBudgetMb the sum of the live instances' {@code MemorySize} may not exceed it, when
 *     {@code maxInstances} is 0
 * @param warm how many instances of every function start before the local cloud is ready, like
 *     provisioned concurrency (a function's own provisioned concurrency counts when it is higher);
 *     0 for none
 */
public record Scaling(int maxStarting, int maxInstances, long memoryBudgetMb, int warm) {

  /** Checks the components. */
  public Scaling {
    if (maxStarting < 1) {
      throw new IllegalArgumentException("maxStarting must be at least 1: " + maxStarting);
    }
    if (maxInstances < 0) {
      throw new IllegalArgumentException("maxInstances must not be negative: " + maxInstances);
    }
    if (maxInstances == 0 && memoryBudgetMb < FunctionDefinition.DEFAULT_MEMORY_MB) {
      throw new IllegalArgumentException("memoryBudgetMb is too small: " + memoryBudgetMb);
    }
    if (warm < 0) {
      throw new IllegalArgumentException("warm must not be negative: " + warm);
    }
  }

  /**
   * As many starts at once as the machine has processors (at least 2), and instances whose
   * MemorySize adds up to three quarters of its physical memory; nothing warm.
   */
  public static Scaling forThisMachine() {
    return new Scaling(
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        0,
        Math.max(FunctionDefinition.DEFAULT_MEMORY_MB, physicalMemoryMb() * 3 / 4),
        0);
  }

  /** Without pacing or a ceiling: every start at once, any number of instances (for tests). */
  public static Scaling unbounded() {
    return new Scaling(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0);
  }

  /** The same, with that many starts at once. */
  public Scaling withMaxStarting(int value) {
    return new Scaling(value, maxInstances, memoryBudgetMb, warm);
  }

  /** The same, bounded by a count of instances instead of memory. */
  public Scaling withMaxInstances(int value) {
    return new Scaling(maxStarting, value, memoryBudgetMb, warm);
  }

  /** The same, with that many warm instances per function. */
  public Scaling withWarm(int value) {
    return new Scaling(maxStarting, maxInstances, memoryBudgetMb, value);
  }

  /**
   * e.g. {@code instances: 2 starting at once, at most 18432 MB of MemorySize alive (3/4 of the
   * memory)}.
   */
  public String summary() {
    String starting =
        maxStarting == Integer.MAX_VALUE ? "no start limit" : maxStarting + " starting at once";
    String ceiling =
        maxInstances == Integer.MAX_VALUE
            ? "no ceiling"
            : maxInstances > 0
                ? "at most " + maxInstances + " alive"
                : "at most " + memoryBudgetMb + " MB of MemorySize alive";
    return "instances: " + starting + ", " + ceiling + (warm > 0 ? ", " + warm + " warm each" : "");
  }

  /** The units one instance of {@code function} takes from the ceiling. */
  long cost(FunctionDefinition function) {
    return maxInstances > 0 ? 1 : Math.max(1, function.memoryMb());
  }

  /** The ceiling in the units of {@link #cost}. */
  long ceiling() {
    return maxInstances > 0 ? maxInstances : memoryBudgetMb;
  }

  private static long physicalMemoryMb() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024);
    }
    return 4096;
  }
}
