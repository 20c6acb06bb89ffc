package dev.idem.functions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line, with the time, level, service, message, and the
 * correlation id that follows an order from its HTTP request through every event and queue.
 * CloudWatch Logs Insights queries its fields directly.
 *
 * {@snippet :
 * log.info("order placed", correlationId, Map.of("orderId", orderId, "total", total));
 * }
 */
public final class JsonLog {

  private final String service;
  private final PrintStream out;
  private final Clock clock;
  private final ObjectMapper mapper;

  /** A log for {@code service} writing to {@code out}. */
  public JsonLog(String service, PrintStream out, Clock clock, ObjectMapper mapper) {
    this.service = service;
    this.out = out;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** A log on standard output named by {@code POWERTOOLS_SERVICE_NAME} (default {@code idem}). */
  public static JsonLog fromEnv(Env env, ObjectMapper mapper) {
    return new JsonLog(
        env.optional("POWERTOOLS_SERVICE_NAME", "idem"), System.out, Clock.systemUTC(), mapper);
  }

  /** Logs a decision at INFO. */
  public void info(String message, String correlationId, Map<String, ?> fields) {
    write("INFO", message, correlationId, fields);
  }

  /** Logs a failure that the platform will retry, or a rejected input, at WARN. */
  public void warn(String message, String correlationId, Map<String, ?> fields) {
    write("WARN", message, correlationId, fields);
  }

  /** Logs a failure that needs attention at ERROR. */
  public void error(String message, String correlationId, Map<String, ?> fields) {
    write("ERROR", message, correlationId, fields);
  }

  private void write(String level, String message, String correlationId, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", clock.instant().toString());
    line.put("level", level);
    line.put("service", service);
    line.put("message", message);
    if (correlationId != null) {
      line.put("correlationId", correlationId);
    }
    line.putAll(fields);
    try {
      out.println(mapper.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      out.println(
          "{\"level\":\"ERROR\",\"message\":\"log line not serializable\",\"service\":\""
              + service
              + "\"}");
    }
  }
}
