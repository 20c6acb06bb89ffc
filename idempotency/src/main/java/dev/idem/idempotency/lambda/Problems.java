package dev.idem.idempotency.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem responses for the outcomes a client must act on. Details are fixed texts or the
 * library's own key validation messages: never a stack trace, never the raw key.
 */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";
  static final String TYPE_BASE = "urn:idem:problem:";

  private final ObjectMapper mapper;

  Problems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  HttpResponseData missingKey(String headerName) {
    return problem(
        400,
        "idempotency-key-missing",
        "Idempotency key missing",
        "This operation requires an "
            + headerName
            + " header; send a unique key, such as a UUID, per operation.",
        Map.of());
  }

  HttpResponseData invalidKey(String reason) {
    return problem(400, "idempotency-key-invalid", "Invalid idempotency key", reason, Map.of());
  }

  HttpResponseData inFlight(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return problem(
        409,
        "request-in-progress",
        "Request in progress",
        "A request with this idempotency key is still being processed; retry after "
            + seconds
            + " seconds.",
        Map.of("Retry-After", Long.toString(seconds)));
  }

  HttpResponseData keyReused() {
    return problem(
        422,
        "idempotency-key-reused",
        "Idempotency key reused",
        "This idempotency key was already used with a different request; use a new key for a new"
            + " request.",
        Map.of());
  }

  HttpResponseData storeUnavailable() {
    return problem(
        503,
        "idempotency-store-unavailable",
        "Service temporarily unavailable",
        "The request was not processed; retry it with the same idempotency key.",
        Map.of("Retry-After", "1"));
  }

  private HttpResponseData problem(
      int status, String type, String title, String detail, Map<String, String> extraHeaders) {
    ObjectNode body = mapper.createObjectNode();
    body.put("type", TYPE_BASE + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.putAll(extraHeaders);
    return new HttpResponseData(status, headers, null, null, write(body), false);
  }

  private String write(ObjectNode body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem document could not be written", e);
    }
  }
}
