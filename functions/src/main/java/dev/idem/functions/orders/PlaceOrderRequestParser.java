package dev.idem.functions.orders;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code POST /orders} body. The first problem found is reported, naming the
 * field ({@code lines[2].quantity must be between 1 and 1000}). Unknown fields are ignored, so
 * clients may send more than this version reads. A SKU may appear in one line only: a repeated SKU
 * is refused rather than merged, so the client states each quantity once and the stored lines are
 * exactly the lines sent. Thread-safe.
 */
public final class PlaceOrderRequestParser {

  /** The most lines one order may have. */
  public static final int MAX_LINES = 50;

  /** The largest quantity of one line. */
  public static final int MAX_QUANTITY = 1000;

  private static final int MAX_ID_LENGTH = 64;
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final ObjectReader reader;

  /** A parser reading JSON with {@code mapper}, strictly: duplicate members, trailing tokens. */
  public PlaceOrderRequestParser(ObjectMapper mapper) {
    this.reader =
        mapper
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** The outcome of parsing: a valid request, or what is wrong with the body. */
  public sealed interface Parsed {

    /** The body is a valid request. */
    record Valid(PlaceOrderRequest request) implements Parsed {}

    /** The body is not; {@code detail} says why, for the client. */
    record Invalid(String detail) implements Parsed {}
  }

  /** Parses {@code body}, which may be null. */
  public Parsed parse(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : reader.readTree(body);
    } catch (JsonProcessingException e) {
      return new Parsed.Invalid("The request body is not valid JSON" + location(e));
    }
    if (root == null || !root.isObject()) {
      return new Parsed.Invalid("The request body must be a JSON object");
    }
    try {
      return new Parsed.Valid(
          new PlaceOrderRequest(
              customerId(root.get("customerId")),
              currency(root.get("currency")),
              lines(root.get("lines"))));
    } catch (InvalidField e) {
      return new Parsed.Invalid(e.getMessage());
    }
  }

  private static String customerId(JsonNode node) {
    String id = requiredText(node, "customerId");
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidField("customerId must be at most " + MAX_ID_LENGTH + " characters");
    }
    if (!CUSTOMER_ID.matcher(id).matches()) {
      throw new InvalidField("customerId must contain only letters, digits, '_' and '-'");
    }
    return id;
  }

  private static String currency(JsonNode node) {
    String currency = requiredText(node, "currency");
    if (!CURRENCY.matcher(currency).matches()) {
      throw new InvalidField("currency must be an ISO-4217 code of three upper-case letters");
    }
    return currency;
  }

  private static List<PlaceOrderRequest.Line> lines(JsonNode node) {
    if (isAbsent(node)) {
      throw new InvalidField("lines is required");
    }
    if (!node.isArray()) {
      throw new InvalidField("lines must be an array");
    }
    if (node.isEmpty() || node.size() > MAX_LINES) {
      throw new InvalidField("lines must have between 1 and " + MAX_LINES + " items");
    }
    List<PlaceOrderRequest.Line> lines = new ArrayList<>(node.size());
    Map<String, Integer> firstLineOfSku = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      PlaceOrderRequest.Line line = line(node.get(i), "lines[" + i + "]");
      Integer first = firstLineOfSku.putIfAbsent(line.sku(), i);
      if (first != null) {
        throw new InvalidField(
            "lines[" + i + "].sku repeats lines[" + first + "].sku; order each sku in one line");
      }
      lines.add(line);
    }
    return lines;
  }

  private static PlaceOrderRequest.Line line(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidField(path + " must be an object");
    }
    String sku = requiredText(node.get("sku"), path + ".sku");
    if (sku.length() > MAX_ID_LENGTH) {
      throw new InvalidField(path + ".sku must be at most " + MAX_ID_LENGTH + " characters");
    }
    return new PlaceOrderRequest.Line(sku, quantity(node.get("quantity"), path + ".quantity"));
  }

  private static int quantity(JsonNode node, String field) {
    if (isAbsent(node)) {
      throw new InvalidField(field + " is required");
    }
    if (!node.isIntegralNumber()) {
      throw new InvalidField(field + " must be an integer");
    }
    if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_QUANTITY) {
      throw new InvalidField(field + " must be between 1 and " + MAX_QUANTITY);
    }
    return node.intValue();
  }

  private static String requiredText(JsonNode node, String field) {
    if (isAbsent(node)) {
      throw new InvalidField(field + " is required");
    }
    if (!node.isTextual()) {
      throw new InvalidField(field + " must be a string");
    }
    if (node.textValue().isBlank()) {
      throw new InvalidField(field + " must not be blank");
    }
    return node.textValue();
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** Unwinds the field checks to {@link #parse}; never leaves this class. */
  private static final class InvalidField extends RuntimeException {
    InvalidField(String message) {
      super(message, null, false, false);
    }
  }
}
