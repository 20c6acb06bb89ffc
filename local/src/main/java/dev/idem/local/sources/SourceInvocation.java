package dev.idem.local.sources;

import java.time.Duration;
import java.util.Objects;

/**
 * One invocation an event source made: the local cloud prints it as one log line.
 *
 * @param functionName the function invoked
 * @param source what invoked it, e.g. {@code sqs orders-queue}, {@code dynamodb Orders} or {@code
 *     api POST /orders}
 * @param batchSize how many messages or records the event held (1 for an API request)
 * @param duration from the first attempt to the result, throttled attempts included
 * @param outcome e.g. {@code OK}, {@code OK 1 of 3 failed}, {@code FUNCTION_ERROR
 *     java.lang.IllegalStateException} or {@code 429}
 */
public record SourceInvocation(
    String functionName, String source, int batchSize, Duration duration, String outcome) {

  /** Checks the components. */
  public SourceInvocation {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The log line, e.g. {@code CapturePayment <- sqs payments batch=3 42 ms OK}. */
  public String logLine() {
    return functionName
        + " <- "
        + source
        + " batch="
        + batchSize
        + " "
        + duration.toMillis()
        + " ms "
        + outcome;
  }
}
