package dev.idem.local.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** The one JSON mapper of the event sources and the API (shared by their packages). */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** The payload as JSON, or empty when it is not JSON. */
  public static Optional<JsonNode> parse(byte[] payload) {
    try {
      return Optional.ofNullable(MAPPER.readTree(payload));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
