package dev.idem.functions.common;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Business metrics as CloudWatch Embedded Metric Format lines on standard output: Lambda ships them
 * to CloudWatch Logs, which turns them into metrics with no API call and no agent.
 */
public final class EmfMetrics {

  /** The CloudWatch namespace of the reference system's metrics. */
  public static final String NAMESPACE = "Idem/Orders";

  private final String service;
  private final PrintStream out;
  private final Clock clock;

  /** Metrics for {@code service}, dimension {@code Service}, written to {@code out}. */
  public EmfMetrics(String service, PrintStream out, Clock clock) {
    this.service = service;
    this.out = out;
    this.clock = clock;
  }

  /** Metrics on standard output for the service named by {@code POWERTOOLS_SERVICE_NAME}. */
  public static EmfMetrics fromEnv(Env env) {
    return new EmfMetrics(
        env.optional("POWERTOOLS_SERVICE_NAME", "idem"), System.out, Clock.systemUTC());
  }

  /**
   * Adds {@code value} to the count {@code name} (letters and digits only, e.g. {@code
   * OrdersPlaced}).
   */
  public void count(String name, long value) {
    if (!name.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("Metric names are letters and digits: " + name);
    }
    out.println(
        "{\"_aws\":{\"Timestamp\":"
            + clock.millis()
            + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
            + NAMESPACE
            + "\",\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\""
            + name
            + "\",\"Unit\":\"Count\"}]}]},\"Service\":\""
            + service.replace("\"", "")
            + "\",\""
            + name
            + "\":"
            + value
            + "}");
  }
}
