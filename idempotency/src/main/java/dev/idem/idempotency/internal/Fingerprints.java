package dev.idem.idempotency.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over canonical JSON: object members sorted by name, numbers in their shortest plain form,
 * no insignificant white space. Two payloads that differ only in member order or number spelling
 * ({@code 1.0} and {@code 1}) have the same fingerprint.
 */
public final class Fingerprints {

  private Fingerprints() {}

  /** The hex SHA-256 of the payload's canonical JSON; {@code payload} may be null. */
  public static String of(Object payload, ObjectMapper mapper) {
    JsonNode tree = payload instanceof JsonNode node ? node : mapper.valueToTree(payload);
    StringBuilder canonical = new StringBuilder();
    write(tree, canonical, mapper);
    return sha256Hex(canonical.toString());
  }

  /** The hex SHA-256 of a string's UTF-8 bytes. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String canonical(Object payload, ObjectMapper mapper) {
    StringBuilder canonical = new StringBuilder();
    write(mapper.valueToTree(payload), canonical, mapper);
    return canonical.toString();
  }

  private static void write(JsonNode node, StringBuilder out, ObjectMapper mapper) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      writeObject(node, out, mapper);
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out, mapper);
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(canonicalNumber(node));
    } else {
      out.append(quote(node, mapper));
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out, ObjectMapper mapper) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      sorted.put(field.getKey(), field.getValue());
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(quote(mapper.getNodeFactory().textNode(field.getKey()), mapper)).append(':');
      write(field.getValue(), out, mapper);
    }
    out.append('}');
  }

  private static String canonicalNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal value = node.decimalValue().stripTrailingZeros();
    return value.signum() == 0 ? "0" : value.toPlainString();
  }

  private static String quote(JsonNode scalar, ObjectMapper mapper) {
    try {
      return mapper.writeValueAsString(scalar);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A JSON scalar could not be written", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
