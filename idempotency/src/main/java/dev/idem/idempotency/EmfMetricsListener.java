package dev.idem.idempotency;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes each decision as one CloudWatch Embedded Metric Format line: a count named after the
 * decision (for example {@code Replay}), the store calls and their latency, with the key prefix as
 * dimension; and, as plain properties, the key hash and the decision, so the same line is the
 * structured log of the decision. Lambda ships standard output to CloudWatch Logs, which extracts
 * the metrics; no agent or API call is needed.
 */
public final class EmfMetricsListener implements IdempotencyListener {

  private final PrintStream out;
  private final String namespace;
  private final Clock clock;

  /** Writes to standard output in the namespace {@code Idem}. */
  public EmfMetricsListener() {
    this(System.out, "Idem", Clock.systemUTC());
  }

  /** Writes to {@code out} in the given CloudWatch namespace. */
  public EmfMetricsListener(PrintStream out, String namespace, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onDecision(DecisionEvent event) {
    out.println(line(event));
  }

  String line(DecisionEvent event) {
    String metric = metricName(event.decision());
    double latencyMs = event.storeLatency().toNanos() / 1_000_000.0;
    return "{\"_aws\":{\"Timestamp\":"
        + clock.millis()
        + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
        + namespace
        + "\",\"Dimensions\":[[\"KeyPrefix\"]],\"Metrics\":[{\"Name\":\""
        + metric
        + "\",\"Unit\":\"Count\"},{\"Name\":\"StoreCalls\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"StoreLatency\",\"Unit\":\"Milliseconds\"}]}]},"
        + "\"KeyPrefix\":\""
        + event.keyPrefix()
        + "\",\""
        + metric
        + "\":1,\"StoreCalls\":"
        + event.storeCalls()
        + ",\"StoreLatency\":"
        + String.format(java.util.Locale.ROOT, "%.3f", latencyMs)
        + ",\"level\":\"INFO\",\"message\":\"idempotency decision\",\"decision\":\""
        + event.decision()
        + "\",\"keyHash\":\""
        + event.keyHash()
        + "\"}";
  }

  static String metricName(Decision decision) {
    StringBuilder name = new StringBuilder();
    for (String part : decision.name().split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }
}
