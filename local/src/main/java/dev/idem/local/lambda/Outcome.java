package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/** How one invocation on one instance ended, before it becomes an {@link InvocationResult}. */
record Outcome(Kind kind, byte[] payload, String errorType) {

  private static final ObjectMapper JSON = new ObjectMapper();

  enum Kind {
    RESPONSE,
    ERROR,
    TIMEOUT,
    EXIT,
    INIT_ERROR,
    INIT_TIMEOUT
  }

  static Outcome response(byte[] payload) {
    return new Outcome(Kind.RESPONSE, payload, null);
  }

  /** The handler's error as the runtime client reported it; the body names the exception type. */
  static Outcome error(String headerType, byte[] body) {
    return new Outcome(Kind.ERROR, body, errorType(headerType, body, "Runtime.Unknown"));
  }

  static Outcome initError(String headerType, byte[] body) {
    return new Outcome(Kind.INIT_ERROR, body, errorType(headerType, body, "Runtime.InitError"));
  }

  static Outcome timeout(Duration timeout) {
    return failure(Kind.TIMEOUT, "Sandbox.Timedout", "Task timed out after " + seconds(timeout));
  }

  static Outcome initTimeout(Duration initTimeout) {
    return failure(
        Kind.INIT_TIMEOUT,
        "Sandbox.Timedout",
        "Init phase timed out after " + seconds(initTimeout));
  }

  static Outcome exit(String requestId, int exitCode) {
    return failure(
        Kind.EXIT,
        "Runtime.ExitError",
        "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exitCode);
  }

  /** Whether the instance may serve further invocations after this one. */
  boolean keepsInstance() {
    return kind == Kind.RESPONSE || kind == Kind.ERROR;
  }

  private static Outcome failure(Kind kind, String errorType, String message) {
    ObjectNode error = JSON.createObjectNode().put("errorType", errorType);
    error.put("errorMessage", message);
    return new Outcome(
        kind, error.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), errorType);
  }

  private static String errorType(String headerType, byte[] body, String fallback) {
    try {
      String fromBody = JSON.readTree(body).path("errorType").asText("");
      if (!fromBody.isBlank()) {
        return fromBody;
      }
    } catch (java.io.IOException e) {
      // Not JSON: the header (or the fallback) names it.
    }
    return headerType == null || headerType.isBlank() ? fallback : headerType;
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f seconds", duration.toMillis() / 1000.0);
  }
}
