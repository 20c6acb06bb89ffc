package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.idem.events.ApiSchemas;
import dev.idem.functions.common.Json;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The hand-written parser and the request schema shipped by {@code events} (checked here with a
 * real JSON Schema validator, kept out of the function) accept and refuse the same bodies: valid
 * bodies generated from the schema's rules, and the same bodies mutated — fields added, removed or
 * given values of every JSON type and edge. The one rule draft 4 cannot state, a SKU repeated
 * across lines, the schema accepts and the parser refuses.
 */
class PlaceOrderRequestSchemaPropertiesTest {

  private static final ObjectMapper JSON = Json.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
          .getSchema(ApiSchemas.placeOrderRequest(), InputFormat.JSON);
  private static final List<String> FIELDS = List.of("customerId", "currency", "lines");
  private static final List<String> LINE_FIELDS = List.of("sku", "quantity");

  private final PlaceOrderRequestParser parser = new PlaceOrderRequestParser(JSON);

  @Property(tries = 200)
  void parse_bodyGeneratedFromTheSchemasRules_acceptedByBoth(
      @ForAll("validBodies") ObjectNode body) {
    String json = write(body);

    assertThat(schemaAccepts(json)).as(json).isTrue();
    assertThat(parser.parse(json))
        .as(json)
        .isInstanceOf(PlaceOrderRequestParser.Parsed.Valid.class);
  }

  @Property(tries = 1000)
  void parse_mutatedBody_parserAcceptsExactlyWhatTheSchemaAccepts(
      @ForAll("mutatedBodies") JsonNode body) {
    String json = write(body);
    boolean schema = schemaAccepts(json);
    boolean parsed = parser.parse(json) instanceof PlaceOrderRequestParser.Parsed.Valid;
    boolean repeatedSku = hasRepeatedSku(body);

    Statistics.label("verdict").collect(schema ? "valid" : "invalid");
    Statistics.label("verdict")
        .coverage(c -> {
          c.check("valid").percentage(p -> p >= 10);
          c.check("invalid").percentage(p -> p >= 50);
        });
    if (repeatedSku) {
      assertThat(parsed).as("parser refuses a repeated sku: %s", json).isFalse();
    } else {
      assertThat(parsed)
          .as("parser agrees with the schema (%s): %s", schema, json)
          .isEqualTo(schema);
    }
  }

  @Property(tries = 50)
  void parse_bodyWithARepeatedSku_schemaAcceptsAndParserRefuses(
      @ForAll("validBodies") ObjectNode body) {
    ArrayNode lines = (ArrayNode) body.get("lines");
    if (lines.size() < PlaceOrderRequestParser.MAX_LINES) {
      lines.add(lines.get(0).deepCopy());
    } else {
      lines.set(lines.size() - 1, lines.get(0).deepCopy());
    }
    String json = write(body);

    assertThat(schemaAccepts(json)).as(json).isTrue();
    assertThat(parser.parse(json)).isInstanceOf(PlaceOrderRequestParser.Parsed.Invalid.class);
  }

  // ------------------------------------------------------------------ valid bodies

  @Provide
  Arbitrary<ObjectNode> validBodies() {
    Arbitrary<List<ObjectNode>> lines =
        skus()
            .list()
            .ofMinSize(1)
            .ofMaxSize(50)
            .uniqueElements()
            .flatMap(skus ->
                Arbitraries.integers()
                    .between(1, 1000)
                    .list()
                    .ofSize(skus.size())
                    .map(quantities -> lines(skus, quantities)));
    return Combinators.combine(customerIds(), currencies(), lines)
        .as((customerId, currency, items) -> {
          ObjectNode body = NODES.objectNode();
          body.put("customerId", customerId);
          body.put("currency", currency);
          body.putArray("lines").addAll(items);
          return body;
        });
  }

  private static List<ObjectNode> lines(List<String> skus, List<Integer> quantities) {
    return java.util.stream.IntStream.range(0, skus.size())
        .mapToObj(i -> {
          ObjectNode line = NODES.objectNode();
          line.put("sku", skus.get(i));
          line.put("quantity", quantities.get(i));
          return line;
        })
        .toList();
  }

  private static Arbitrary<String> customerIds() {
    return Arbitraries.strings()
        .withCharRange('A', 'Z')
        .withCharRange('a', 'z')
        .withCharRange('0', '9')
        .withChars('_', '-')
        .ofMinLength(1)
        .ofMaxLength(64);
  }

  private static Arbitrary<String> currencies() {
    return Arbitraries.strings().withCharRange('A', 'Z').ofLength(3);
  }

  /** 1 to 64 code points from ASCII, its white space, Latin-1, the rest of the BMP and emoji. */
  private static Arbitrary<String> skus() {
    return codePoints()
        .list()
        .ofMinSize(1)
        .ofMaxSize(64)
        .map(PlaceOrderRequestSchemaPropertiesTest::fromCodePoints)
        .filter(s -> !s.chars().allMatch(c -> " \t\n\u000B\f\r".indexOf(c) >= 0));
  }

  private static Arbitrary<Integer> codePoints() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x21, 0x7e)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x85)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xa0, 0xff)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0x2003, 0x2028, 0x3000, 0xfeff, 0x20ac)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1f600, 0x1f64f)));
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }

  // ------------------------------------------------------------------ mutations

  @Provide
  Arbitrary<JsonNode> mutatedBodies() {
    Arbitrary<List<UnaryOperator<JsonNode>>> mutations =
        mutation().list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<JsonNode> mutated =
        Combinators.combine(validBodies(), mutations)
            .as((body, steps) -> {
              JsonNode result = body.deepCopy();
              for (UnaryOperator<JsonNode> step : steps) {
                result = step.apply(result);
              }
              return result;
            });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, validBodies().map(JsonNode.class::cast)),
        net.jqwik.api.Tuple.of(6, mutated));
  }

  private static Arbitrary<UnaryOperator<JsonNode>> mutation() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("coupon", "unitPrice", "customerID", "Currency", "", "sku", "lines"),
            Arbitraries.strings().ofMaxLength(8));
    return Arbitraries.oneOf(
        Combinators.combine(names, values()).as(PlaceOrderRequestSchemaPropertiesTest::putRoot),
        Combinators.combine(Arbitraries.integers().between(0, 49), names, values())
            .as(PlaceOrderRequestSchemaPropertiesTest::putLine),
        Combinators.combine(Arbitraries.of(FIELDS), values())
            .as(PlaceOrderRequestSchemaPropertiesTest::putRoot),
        Combinators.combine(
                Arbitraries.integers().between(0, 49), Arbitraries.of(LINE_FIELDS), values())
            .as(PlaceOrderRequestSchemaPropertiesTest::putLine),
        Arbitraries.of(FIELDS).map(PlaceOrderRequestSchemaPropertiesTest::removeRoot),
        Combinators.combine(Arbitraries.integers().between(0, 49), Arbitraries.of(LINE_FIELDS))
            .as(PlaceOrderRequestSchemaPropertiesTest::removeLine),
        Arbitraries.integers().between(0, 51).map(PlaceOrderRequestSchemaPropertiesTest::resize),
        values().map(value -> body -> value));
  }

  private static UnaryOperator<JsonNode> putRoot(String name, JsonNode value) {
    return body -> {
      if (body instanceof ObjectNode object) {
        object.set(name, value.deepCopy());
      }
      return body;
    };
  }

  private static UnaryOperator<JsonNode> putLine(int index, String name, JsonNode value) {
    return body -> {
      if (line(body, index) instanceof ObjectNode line) {
        line.set(name, value.deepCopy());
      }
      return body;
    };
  }

  private static UnaryOperator<JsonNode> removeRoot(String name) {
    return body -> {
      if (body instanceof ObjectNode object) {
        object.remove(name);
      }
      return body;
    };
  }

  private static UnaryOperator<JsonNode> removeLine(int index, String name) {
    return body -> {
      if (line(body, index) instanceof ObjectNode line) {
        line.remove(name);
      }
      return body;
    };
  }

  /** Truncates the lines to {@code size}, or repeats them (with new SKUs) up to it. */
  private static UnaryOperator<JsonNode> resize(int size) {
    return body -> {
      if (body.path("lines") instanceof ArrayNode lines && !lines.isEmpty()) {
        while (lines.size() > size) {
          lines.remove(lines.size() - 1);
        }
        for (int i = lines.size(); i < size; i++) {
          lines.add(NODES.objectNode().put("sku", "GROWN-" + i).put("quantity", 1));
        }
      }
      return body;
    };
  }

  private static JsonNode line(JsonNode body, int index) {
    JsonNode lines = body.path("lines");
    return lines.isArray() && !lines.isEmpty() ? lines.get(index % lines.size()) : null;
  }

  /** Values of every JSON type, with the edges of each rule of the schema. */
  private static Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        Arbitraries.oneOf(customerIds(), currencies(), skus(), edgeStrings(), anyStrings())
            .map(NODES::textNode),
        Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 1002),
                Arbitraries.of(0, 1, 1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE))
            .map(NODES::numberNode),
        Arbitraries.of(
            NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(new BigInteger("99999999999999999999")),
            NODES.numberNode(2.0),
            NODES.numberNode(1.5),
            NODES.numberNode(new java.math.BigDecimal("1E+2")),
            raw("1e2"),
            raw("-0"),
            raw("1.0e0"),
            NODES.booleanNode(true),
            NODES.nullNode(),
            NODES.arrayNode(),
            NODES.arrayNode().add("SKU-1"),
            NODES.objectNode(),
            NODES.objectNode().put("sku", "SKU-1").put("quantity", 1)));
  }

  private static Arbitrary<String> edgeStrings() {
    return Arbitraries.of(
        "",
        " ",
        "\t\n",
        "\u000B",
        "\u00a0",
        "EUR\n",
        "EU\n",
        "eur",
        "EURO",
        "c-1\n",
        "c 1",
        "c".repeat(64),
        "c".repeat(65),
        "\uD83D\uDE00".repeat(64),
        "\uD83D\uDE00".repeat(65),
        "\n\u0000");
  }

  private static Arbitrary<String> anyStrings() {
    return codePoints()
        .list()
        .ofMaxSize(70)
        .map(PlaceOrderRequestSchemaPropertiesTest::fromCodePoints);
  }

  private static JsonNode raw(String literal) {
    return NODES.rawValueNode(new RawValue(literal));
  }

  // ------------------------------------------------------------------ verdicts

  private static boolean schemaAccepts(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).isEmpty();
  }

  private static boolean hasRepeatedSku(JsonNode body) {
    Set<String> seen = new HashSet<>();
    for (JsonNode line : body.path("lines")) {
      JsonNode sku = line.path("sku");
      if (sku.isTextual() && !seen.add(sku.textValue())) {
        return true;
      }
    }
    return false;
  }

  private static String write(JsonNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
