package dev.idem.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one invocation.
 *
 * @param status how it ended
 * @param payload the handler's response (OK), the error JSON {@code
 *     {"errorMessage","errorType","stackTrace"?}} (FUNCTION_ERROR), or empty (THROTTLED)
 * @param errorType the error's type, e.g. {@code java.lang.IllegalStateException}, {@code
 *     Sandbox.Timedout} or {@code Runtime.ExitError}; null unless FUNCTION_ERROR
 * @param logTail the invocation's log as {@code --log-type Tail} shows it: START, the lines the
 *     instance wrote meanwhile, END and REPORT, at most the last 4 KB; empty when THROTTLED
 * @param duration from the call to its result, a cold start included
 */
public record InvocationResult(
    Status status, byte[] payload, String errorType, String logTail, Duration duration) {

  /** How an invocation ended. */
  public enum Status {
    /** The handler returned a response. */
    OK,
    /** The handler threw, timed out, or its instance failed to start or exited. */
    FUNCTION_ERROR,
    /** The function was at its concurrency limit; nothing ran. */
    THROTTLED
  }

  /** Checks the components; {@code errorType} is required exactly for FUNCTION_ERROR. */
  public InvocationResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    payload = payload == null ? new byte[0] : payload;
    logTail = logTail == null ? "" : logTail;
    if ((status == Status.FUNCTION_ERROR) != (errorType != null)) {
      throw new IllegalArgumentException("errorType is required for, and only for, FUNCTION_ERROR");
    }
  }

  /** A successful invocation. */
  public static InvocationResult ok(byte[] payload, String logTail, Duration duration) {
    return new InvocationResult(Status.OK, payload, null, logTail, duration);
  }

  /** A failed invocation, with the error JSON as its payload. */
  public static InvocationResult functionError(
      String errorType, byte[] errorJson, String logTail, Duration duration) {
    return new InvocationResult(Status.FUNCTION_ERROR, errorJson, errorType, logTail, duration);
  }

  /** An invocation refused because the function was at its concurrency limit. */
  public static InvocationResult throttled() {
    return new InvocationResult(Status.THROTTLED, new byte[0], null, "", Duration.ZERO);
  }

  /** The payload as UTF-8 text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "InvocationResult["
        + status
        + (errorType == null ? "" : " " + errorType)
        + ", "
        + payload.length
        + " bytes, "
        + duration.toMillis()
        + " ms]";
  }
}
