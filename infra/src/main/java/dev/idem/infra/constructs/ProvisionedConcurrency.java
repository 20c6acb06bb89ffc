package dev.idem.infra.constructs;

/**
 * Provisioned concurrency on a function's alias, scaled by Application Auto Scaling to keep the
 * alias's provisioned-concurrency utilization near a target.
 *
 * @param minimum instances kept initialised at all times (and billed while idle), at least 1
 * @param maximum the most instances auto scaling provisions, at least {@code minimum}
 * @param utilizationTarget the utilization auto scaling tracks, between 0.1 and 0.9
 */
public record ProvisionedConcurrency(int minimum, int maximum, double utilizationTarget) {

  /** Utilization that leaves room for a burst while new instances initialise. */
  public static final double DEFAULT_UTILIZATION_TARGET = 0.7;

  public ProvisionedConcurrency {
    if (minimum < 1) {
      throw new IllegalArgumentException(
          "Provisioned concurrency minimum must be at least 1, was "
              + minimum
              + "; for none, leave provisioned concurrency unset");
    }
    if (maximum < minimum) {
      throw new IllegalArgumentException(
          "Provisioned concurrency maximum ("
              + maximum
              + ") is below its minimum ("
              + minimum
              + ")");
    }
    if (utilizationTarget < 0.1 || utilizationTarget > 0.9) {
      throw new IllegalArgumentException(
          "Utilization target must be between 0.1 and 0.9, was " + utilizationTarget);
    }
  }

  /** {@code minimum} to {@code maximum} instances at {@link #DEFAULT_UTILIZATION_TARGET}. */
  public static ProvisionedConcurrency of(int minimum, int maximum) {
    return new ProvisionedConcurrency(minimum, maximum, DEFAULT_UTILIZATION_TARGET);
  }
}
