package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to a destination ("Capturing records of Lambda asynchronous
 * invocations", AWS Lambda Developer Guide): {@code version}, {@code timestamp}, {@code
 * requestContext} ({@code requestId}, {@code functionArn} with the version, {@code condition}:
 * {@code Success}, {@code RetriesExhausted} or {@code EventAgeExceeded}, {@code
 * approximateInvokeCount}), {@code requestPayload}, and, once the function ran, {@code
 * responseContext} ({@code statusCode}, {@code executedVersion}, {@code functionError}) and {@code
 * responsePayload}.
 */
public final class DestinationRecord {

  /** The function returned a response. */
  public static final String SUCCESS = "Success";

  /** Every attempt failed. */
  public static final String RETRIES_EXHAUSTED = "RetriesExhausted";

  /** The event grew older than its maximum age before it could run. */
  public static final String EVENT_AGE_EXCEEDED = "EventAgeExceeded";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Always three fraction digits, as Lambda writes them ({@code Instant.toString} drops zeros). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private DestinationRecord() {}

  /**
   * The record.
   *
   * @param functionArn the unqualified function ARN ({@code :$LATEST} is added)
   * @param lastResult the last invocation's result, or null when the function never ran
   */
  public static ObjectNode of(
      Instant timestamp,
      String requestId,
      String functionArn,
      String condition,
      int invokeCount,
      byte[] payload,
      InvocationResult lastResult) {
    ObjectNode record = JSON.createObjectNode();
    record.put("version", "1.0");
    record.put("timestamp", TIMESTAMP.format(timestamp));
    ObjectNode request = record.putObject("requestContext");
    request.put("requestId", requestId);
    request.put("functionArn", functionArn + ":$LATEST");
    request.put("condition", condition);
    request.put("approximateInvokeCount", invokeCount);
    record.set("requestPayload", json(payload));
    if (lastResult != null && lastResult.status() != InvocationResult.Status.THROTTLED) {
      ObjectNode response = record.putObject("responseContext");
      response.put("statusCode", 200);
      response.put("executedVersion", "$LATEST");
      if (lastResult.status() == InvocationResult.Status.FUNCTION_ERROR) {
        response.put("functionError", "Unhandled");
      }
      record.set("responsePayload", json(lastResult.payload()));
    }
    return record;
  }

  /** The payload as JSON; text that is not JSON becomes a JSON string, nothing becomes null. */
  static JsonNode json(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(payload);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
    }
  }
}
