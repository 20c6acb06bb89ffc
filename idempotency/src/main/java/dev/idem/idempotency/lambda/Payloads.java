package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotentRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/** Shared glue: requests from a Lambda context, and fingerprintable forms of message bodies. */
final class Payloads {

  private final ObjectMapper mapper;
  private final ObjectReader reader;

  Payloads(ObjectMapper mapper) {
    this.mapper = mapper;
    this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IdempotencyConfigurationException(message);
    }
  }

  /** A request whose lease follows the invocation's remaining time; outside Lambda, the default. */
  static IdempotentRequest request(String key, Object payload, Context context) {
    return context == null
        ? IdempotentRequest.of(key, payload)
        : IdempotentRequest.of(key, payload, context);
  }

  /** What an HTTP request's key must always come with: its method, path and body. */
  JsonNode http(String method, String path, String body, boolean base64) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("method", method);
    payload.put("path", path);
    payload.set("body", mapper.valueToTree(base64 ? base64Body(body) : body(body)));
    return payload;
  }

  /**
   * The body as parsed JSON when it parses, so member order and spacing do not change the
   * fingerprint; otherwise the text itself. Null stays null.
   */
  Object body(String text) {
    if (text == null) {
      return null;
    }
    return json(text).<Object>map(node -> node).orElse(text);
  }

  /** A base64 body decoded: parsed JSON when the bytes are JSON, else the canonical base64. */
  Object base64Body(String text) {
    if (text == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      return text;
    }
    try {
      return reader.readTree(bytes);
    } catch (IOException notJson) {
      return Base64.getEncoder().encodeToString(bytes);
    }
  }

  Optional<JsonNode> json(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(reader.readTree(text));
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }
}
