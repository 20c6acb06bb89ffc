package dev.idem.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** The few statistics the benchmarks report. */
final class Stats {

  private Stats() {}

  /**
   * The median; the mean of the two middle values when there is an even number of them.
   *
   * @throws IllegalArgumentException if there are no values
   */
  static double median(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("The median of no values is undefined");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * The nearest-rank percentile: the smallest value that at least {@code percent} % of the values
   * do not exceed.
   *
   * @throws IllegalArgumentException if there are no values or the percent is not in (0, 100]
   */
  static long percentile(long[] values, double percent) {
    if (values.length == 0 || !(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("Need values and a percent in (0, 100]");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[rank - 1];
  }

  /** {@code value} rounded half-up to {@code places} decimals. */
  static double round(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }
}
