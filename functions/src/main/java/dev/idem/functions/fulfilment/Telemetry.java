package dev.idem.functions.fulfilment;

import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.idempotency.EmfMetricsListener;
import dev.idem.idempotency.IdempotencyListener;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Where a consumer's signals go: its JSON log lines, its business metrics, and the idempotency
 * library's decisions, all as lines on one stream (standard output in Lambda, which ships them to
 * CloudWatch Logs).
 *
 * @param log decisions, one JSON line each
 * @param metrics business counts (EMF)
 * @param idempotency the library's decisions and store latencies (EMF, namespace {@code Idem})
 */
public record Telemetry(JsonLog log, EmfMetrics metrics, IdempotencyListener idempotency) {

  /** Signals of {@code service}, written to {@code out} and stamped with {@code clock}'s time. */
  public static Telemetry of(String service, PrintStream out, Clock clock) {
    return new Telemetry(
        new JsonLog(service, out, clock, Json.mapper()),
        new EmfMetrics(service, out, clock),
        new EmfMetricsListener(out, "Idem", clock));
  }
}
