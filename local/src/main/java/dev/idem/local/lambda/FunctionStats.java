package dev.idem.local.lambda;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one function's pool has done so far.
 *
 * @param name the function's name
 * @param concurrencyLimit its instance limit
 * @param instancesStarted processes started (each one a cold start, whether or not it got far)
 * @param instancesLive processes alive now, busy or idle
 * @param invocations invocations that ran (throttled ones excluded)
 * @param errors invocations that ended in FUNCTION_ERROR, timeouts included
 * @param timeouts invocations that overran the function's timeout
 * @param throttles invocations refused at the concurrency limit or the cloud's ceiling
 * @param waits invocations that waited for a start slot (pacing) before they ran or were throttled
 * @param coldStarts the measured start of every instance that served its first invocation, in order
 */
public record FunctionStats(
    String name,
    int concurrencyLimit,
    int instancesStarted,
    int instancesLive,
    long invocations,
    long errors,
    long timeouts,
    long throttles,
    long waits,
    List<ColdStart> coldStarts) {

  /**
   * One instance's start.
   *
   * @param instance the instance's number within its function, from 1
   * @param toFirstNext process start to its first {@code /next} poll: the init phase
   * @param toFirstResponse process start to the end of its first invocation
   */
  public record ColdStart(int instance, Duration toFirstNext, Duration toFirstResponse) {

    /** Checks the components. */
    public ColdStart {
      Objects.requireNonNull(toFirstNext, "toFirstNext");
      Objects.requireNonNull(toFirstResponse, "toFirstResponse");
    }
  }

  /** Copies the list. */
  public FunctionStats {
    coldStarts = List.copyOf(coldStarts);
  }

  /** The median process start to first {@code /next} over {@link #coldStarts}, or zero if none. */
  public Duration medianColdStart() {
    List<Duration> sorted =
        coldStarts.stream().map(ColdStart::toFirstNext).sorted(Comparator.naturalOrder()).toList();
    return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
  }

  /**
   * One line for the console, e.g. {@code PlaceOrder: 3 instances (limit 10), 3 cold starts (median
   * 640 ms), 120 invocations, 2 errors, 1 timeout, 5 throttled, 4 waited for a start}.
   */
  public String summary() {
    return name
        + ": "
        + instancesStarted
        + " instances (limit "
        + concurrencyLimit
        + "), "
        + coldStarts.size()
        + " cold starts (median "
        + medianColdStart().toMillis()
        + " ms), "
        + invocations
        + " invocations, "
        + errors
        + " errors, "
        + timeouts
        + (timeouts == 1 ? " timeout, " : " timeouts, ")
        + throttles
        + " throttled, "
        + waits
        + " waited for a start";
  }
}
