package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.idem.functions.common.Json;
import dev.idem.functions.orders.PlaceOrderRequestParser.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceOrderRequestParserTest {

  private static final int MAX_ID_LENGTH = PlaceOrderRequestParser.MAX_ID_LENGTH;

  private final PlaceOrderRequestParser parser = new PlaceOrderRequestParser(Json.mapper());

  @Test
  void parse_validBody_readsTheRequest() {
    Parsed parsed =
        parser.parse(
            "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":"
                + "[{\"sku\":\"SKU-001\",\"quantity\":2},{\"quantity\":1000,\"sku\":\"SKU-002\"}]}");

    assertThat(parsed)
        .isEqualTo(
            new Parsed.Valid(
                new PlaceOrderRequest(
                    "c-1",
                    "EUR",
                    List.of(
                        new PlaceOrderRequest.Line("SKU-001", 2),
                        new PlaceOrderRequest.Line("SKU-002", 1000)))));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"customerId":"c-1","currency":"EUR","coupon":"X","lines":[{"sku":"S","quantity":1}]}  | coupon is not allowed; a request has only customerId, currency and lines
          {"coupon":null,"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1}]} | coupon is not allowed; a request has only customerId, currency and lines
          {"customerID":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1}]}               | customerID is not allowed; a request has only customerId, currency and lines
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1,"unitPrice":1}]} | lines[0].unitPrice is not allowed; a line has only sku and quantity
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1},{"sku":"T","quantity":1,"":0}]} | lines[1]."" is not allowed; a line has only sku and quantity
          {"customerId":"c-1","currency":"EUR","a b":1,"lines":[{"sku":"S","quantity":1}]}       | "a b" is not allowed; a request has only customerId, currency and lines
          """)
  void parse_unknownField_refusedNamingIt(String body, String expected) {
    assertThat(detail(body)).isEqualTo(expected);
  }

  @Test
  void parse_longUnknownFieldName_namedShortened() {
    String name = "x y".repeat(40);
    String body = "{\"" + name + "\":1,\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":[]}";

    assertThat(detail(body))
        .isEqualTo(
            "\""
                + name.substring(0, 32)
                + "...\" is not allowed; a request has only"
                + " customerId, currency and lines");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "[]", "\"text\"", "42", "null"})
  void parse_bodyNotAnObject_refused(String body) {
    assertThat(detail(body)).isEqualTo("The request body must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"customerId\":",
        "{customerId:1}",
        "{\"customerId\":\"c-1\"} {}",
        "{\"customerId\":\"a\",\"customerId\":\"b\"}"
      })
  void parse_malformedJson_refusedWithoutEchoingTheBody(String body) {
    assertThat(detail(body)).startsWith("The request body is not valid JSON (line 1, column");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"currency":"EUR","lines":[{"sku":"S","quantity":1}]}                       | customerId is required
          {"customerId":null,"currency":"EUR","lines":[{"sku":"S","quantity":1}]}     | customerId is required
          {"customerId":7,"currency":"EUR","lines":[{"sku":"S","quantity":1}]}        | customerId must be a string
          {"customerId":" ","currency":"EUR","lines":[{"sku":"S","quantity":1}]}      | customerId must not be blank
          {"customerId":"c 1","currency":"EUR","lines":[{"sku":"S","quantity":1}]}    | customerId must contain only letters, digits, '_' and '-'
          {"customerId":"c-1","lines":[{"sku":"S","quantity":1}]}                     | currency is required
          {"customerId":"c-1","currency":"eur","lines":[{"sku":"S","quantity":1}]}    | currency must be an ISO-4217 code of three upper-case letters
          {"customerId":"c-1","currency":"EURO","lines":[{"sku":"S","quantity":1}]}   | currency must be an ISO-4217 code of three upper-case letters
          {"customerId":"c-1","currency":"EUR"}                                       | lines is required
          {"customerId":"c-1","currency":"EUR","lines":{}}                            | lines must be an array
          {"customerId":"c-1","currency":"EUR","lines":[]}                            | lines must have between 1 and 50 items
          {"customerId":"c-1","currency":"EUR","lines":[7]}                           | lines[0] must be an object
          {"customerId":"c-1","currency":"EUR","lines":[{"quantity":1}]}              | lines[0].sku is required
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"","quantity":1}]}     | lines[0].sku must not be blank
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":" \\t\\n\\u000b\\f\\r","quantity":1}]} | lines[0].sku must not be blank
          {"customerId":"c-1\\n","currency":"EUR","lines":[{"sku":"S","quantity":1}]}  | customerId must contain only letters, digits, '_' and '-'
          {"customerId":"c-1","currency":"EUR\\n","lines":[{"sku":"S","quantity":1}]}  | currency must be an ISO-4217 code of three upper-case letters
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1e2}]}  | lines[0].quantity must be an integer
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":["S"],"quantity":1}]}  | lines[0].sku must be a string
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S"}]}                 | lines[0].quantity is required
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":"2"}]}  | lines[0].quantity must be an integer
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1.5}]}  | lines[0].quantity must be an integer
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":2.0}]}  | lines[0].quantity must be an integer
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":0}]}    | lines[0].quantity must be between 1 and 1000
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":-3}]}   | lines[0].quantity must be between 1 and 1000
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1001}]} | lines[0].quantity must be between 1 and 1000
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":99999999999999999999}]} | lines[0].quantity must be between 1 and 1000
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":1},{"sku":"C","quantity":0}]} | lines[2].quantity must be between 1 and 1000
          {"customerId":"c-1","currency":"EUR","lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":1},{"sku":"A","quantity":2}]} | lines[2].sku repeats lines[0].sku; order each sku in one line
          """)
  void parse_invalidField_refusedNamingTheField(String body, String expected) {
    assertThat(detail(body)).isEqualTo(expected);
  }

  @Test
  void parse_customerIdOf65Characters_refused() {
    String body =
        "{\"customerId\":\""
            + "c".repeat(65)
            + "\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}";

    assertThat(detail(body)).isEqualTo("customerId must be at most 64 characters");
  }

  @Test
  void parse_skuOf64CodePointsOutsideTheBasicPlane_accepted() {
    String body = withSku("\uD83D\uDE00".repeat(64));

    assertThat(parser.parse(body)).isInstanceOf(Parsed.Valid.class);
  }

  @Test
  void parse_skuOf65CodePoints_refused() {
    assertThat(detail(withSku("\uD83D\uDE00".repeat(65))))
        .isEqualTo("lines[0].sku must be at most 64 characters");
  }

  @Test
  void parse_skuOfUnicodeSpaceOnly_acceptedAsTheSchemaDoes() {
    // Only ASCII white space makes a SKU blank: regex dialects disagree on the rest.
    assertThat(parser.parse(withSku("\u2003\u00a0"))).isInstanceOf(Parsed.Valid.class);
  }

  @Test
  void parse_fiftyLines_accepted() {
    assertThat(parser.parse(withLines(50))).isInstanceOf(Parsed.Valid.class);
  }

  @Test
  void parse_fiftyOneLines_refused() {
    assertThat(detail(withLines(51))).isEqualTo("lines must have between 1 and 50 items");
  }

  @Test
  void parse_largestValidOrderEscapedAndIndented_fitsTheBodyLimit() throws Exception {
    String sku = "\uD83D\uDE00".repeat(MAX_ID_LENGTH - 2);
    List<Map<String, Object>> lines =
        IntStream.range(0, PlaceOrderRequestParser.MAX_LINES)
            .mapToObj(i ->
                Map.<String, Object>of(
                    "sku", sku + (char) ('A' + i % 26) + (i / 26), "quantity", 1000))
            .toList();
    Map<String, Object> order =
        Map.of("customerId", "c".repeat(MAX_ID_LENGTH), "currency", "EUR", "lines", lines);
    String body =
        Json.mapper()
            .writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII)
            .withDefaultPrettyPrinter()
            .writeValueAsString(order);

    assertThat(parser.parse(body)).isInstanceOf(Parsed.Valid.class);
    assertThat(body.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(35_000, PlaceOrderService.MAX_BODY_BYTES);
  }

  static String withLines(int count) {
    String lines =
        IntStream.range(0, count)
            .mapToObj(i -> "{\"sku\":\"SKU-" + i + "\",\"quantity\":1}")
            .collect(Collectors.joining(","));
    return "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[" + lines + "]}";
  }

  private static String withSku(String sku) {
    return "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\""
        + sku
        + "\",\"quantity\":1}]}";
  }

  private String detail(String body) {
    Parsed parsed = parser.parse(body);
    assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
    return ((Parsed.Invalid) parsed).detail();
  }
}
