package dev.idem.functions.orders;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code POST /orders} body by the rules of its JSON Schema, {@code
 * events/schemas/PlaceOrderRequest.json} (the model API Gateway validates against where the
 * template declares it), without a schema validator in the function: a property test holds the two
 * to the same answers. The first problem found is reported, naming the field ({@code
 * lines[2].quantity must be between 1 and 1000}, {@code lines[0].unitPrice is not allowed; a line
 * has only sku and quantity}).
 *
 * <p>The rules: an object with exactly {@code customerId} (1 to 64 of {@code A-Z a-z 0-9 _ -}),
 * {@code currency} (three upper-case letters) and {@code lines} (1 to {@value #MAX_LINES} objects,
 * each with exactly {@code sku}, 1 to 64 characters not all white space, and {@code quantity}, an
 * integer from 1 to {@value #MAX_QUANTITY} written without fraction or exponent). Lengths count
 * code points, as JSON Schema does. Two rules go beyond the schema: a SKU may appear in one line
 * only (a repeated SKU is refused rather than merged, so the client states each quantity once and
 * the stored lines are exactly the lines sent), and the JSON must be strict: no repeated member, no
 * trailing tokens. Thread-safe.
 */
public final class PlaceOrderRequestParser {

  /** The most lines one order may have. */
  public static final int MAX_LINES = 50;

  /** The largest quantity of one line. */
  public static final int MAX_QUANTITY = 1000;

  /** The most characters (code points) of a customer id or a SKU. */
  public static final int MAX_ID_LENGTH = 64;

  private static final List<String> FIELDS = List.of("customerId", "currency", "lines");
  private static final List<String> LINE_FIELDS = List.of("sku", "quantity");
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
      onlyKnownFields(root, "", FIELDS, "a request has only customerId, currency and lines");
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
    if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
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
    onlyKnownFields(node, path + ".", LINE_FIELDS, "a line has only sku and quantity");
    String sku = requiredText(node.get("sku"), path + ".sku");
    if (sku.codePointCount(0, sku.length()) > MAX_ID_LENGTH) {
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
    if (isBlank(node.textValue())) {
      throw new InvalidField(field + " must not be blank");
    }
    return node.textValue();
  }

  /** Refuses the first member not in {@code known}, naming it under {@code path}. */
  private static void onlyKnownFields(
      JsonNode object, String path, List<String> known, String hint) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidField(path + printable(name) + " is not allowed; " + hint);
      }
    }
  }

  /**
   * Blank as the schema says it: empty, or only space, tab, line feed, vertical tab, form feed and
   * carriage return. Not {@link String#isBlank}, whose Unicode white space no regex dialect of the
   * schema agrees on.
   */
  private static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** A member name as the client can recognise it, quoted and shortened when it is not plain. */
  private static String printable(String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return name;
    }
    String shown =
        name.codePointCount(0, name.length()) > 32
            ? name.substring(0, name.offsetByCodePoints(0, 32)) + "..."
            : name;
    return "\"" + shown + "\"";
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
