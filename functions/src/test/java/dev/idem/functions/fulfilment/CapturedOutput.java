package dev.idem.functions.fulfilment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Standard output of a handler under test: its JSON log lines and EMF metric lines, kept for
 * assertions. Thread-safe.
 */
public final class CapturedOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** The stream to give the handler. */
  public PrintStream stream() {
    return stream;
  }

  /** Every line written so far, parsed. */
  public List<JsonNode> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().map(CapturedOutput::parse).toList();
  }

  /** The log lines at {@code level} ({@code INFO}, {@code WARN}, {@code ERROR}). */
  public List<JsonNode> logs(String level) {
    return lines().stream().filter(l -> level.equals(l.path("level").asText())).toList();
  }

  /** The messages of the log lines at {@code level}. */
  public List<String> messages(String level) {
    return logs(level).stream().map(l -> l.path("message").asText()).toList();
  }

  /** The sum of the business metric {@code name} over every EMF line. */
  public long metric(String name) {
    return lines().stream()
        .filter(l -> l.has("_aws") && l.has(name))
        .mapToLong(l -> l.get(name).asLong())
        .sum();
  }

  private static JsonNode parse(String line) {
    try {
      return Optional.ofNullable(MAPPER.readTree(line)).orElseGet(MAPPER::createObjectNode);
    } catch (JsonProcessingException notJson) {
      return MAPPER.createObjectNode().put("text", line);
    }
  }
}
